/** Every suite: unit, emulator, integration (the built bundle), CLI and browser. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // @noble/hashes 2 ships ESM only; jest on Node 20 cannot require ESM, so compile it to CJS.
    '^.+/node_modules/(@noble|pinyin-match)/.+\\.js$': [
      'ts-jest',
      {
        tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true },
        diagnostics: false,
      },
    ],
  },
  // pinyin-match's dictionary (the type-ahead's readings) is an ES module too.
  transformIgnorePatterns: ['/node_modules/(?!@noble/|pinyin-match/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Builds dist/ once per run: the integration, CLI and browser suites test the built files.
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  // Removes the run's temporary folder, where the CLI suites keep gongfang's state.
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  // A guard against hangs, not a speed target: CLI suites spawn the built command many times.
  testTimeout: 180000,
};
