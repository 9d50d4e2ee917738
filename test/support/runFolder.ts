/** The environment variable naming the jest run's own temporary folder (globalSetup.ts). */
export const RUN_FOLDER = 'GONGFANG_TEST_RUN_FOLDER';
