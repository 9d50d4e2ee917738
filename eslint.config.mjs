// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Classic zod weighs ~400 KB in Code.js, which Apps Script parses on every run; zod/mini has the
 * same schemas and tree-shakes (docs/performance.md).
 */
const zodMiniOnly = [
  { name: 'zod', message: "Import zod/mini (import * as z from 'zod/mini'): Code.js size." },
  { name: 'zod/v4', message: "Import zod/mini (import * as z from 'zod/mini'): Code.js size." },
];

/** Layers may only import inward (DESIGN.md section 5). */
const inward = (forbidden) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: zodMiniOnly,
      patterns: forbidden.map((layer) => ({
        group: [`**/${layer}/*`, `../${layer}`, `./${layer}`],
        message: `Dependencies point inward: this layer may not import ${layer}/.`,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['src/**'], rules: { 'no-restricted-imports': ['error', { paths: zodMiniOnly }] } },
  {
    files: ['src/domain/**'],
    rules: {
      ...inward(['workbook', 'features', 'apps-script', 'xlsx', 'cli', 'ui']),
      'no-restricted-globals': [
        'error',
        'SpreadsheetApp',
        'Utilities',
        'Session',
        'process',
        'require',
        'Buffer',
      ],
    },
  },
  { files: ['src/workbook/**'], rules: inward(['features', 'apps-script', 'xlsx', 'cli', 'ui']) },
  { files: ['src/features/**'], rules: inward(['apps-script', 'xlsx', 'cli', 'ui']) },
  { files: ['src/apps-script/**'], rules: inward(['xlsx', 'cli']) },
  // The file backend knows no command line (DESIGN.md section 5): a local page or a year-end
  // command uses it without cli/.
  { files: ['src/xlsx/**'], rules: inward(['apps-script', 'cli', 'ui']) },
  { files: ['src/cli/**'], rules: inward(['apps-script', 'ui']) },
  {
    files: ['test/**', 'scripts/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
  },
);
