// Lint rules for the server, the pages, the tooling and the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Apps Script has no timers, no fetch and no Node APIs. */
const NOT_IN_APPS_SCRIPT = [
  'setTimeout',
  'setInterval',
  'fetch',
  'process',
  'require',
  'window',
  'document',
];

/** Apps Script's services: only the adapters and features may call them. */
const APPS_SCRIPT_SERVICES = [
  'SpreadsheetApp',
  'MailApp',
  'GmailApp',
  'ScriptApp',
  'PropertiesService',
  'LockService',
  'HtmlService',
  'Session',
  'UrlFetchApp',
  'Utilities',
  'CacheService',
  'Logger',
  'DriveApp',
];

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'out/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Type-aware rules on the bundled code (server and pages): a switch over a union must handle
  // every member, a promise must be handled, and casts that change nothing are noise.
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/pages/**'],
    rules: {
      'no-restricted-globals': ['error', ...NOT_IN_APPS_SCRIPT],
    },
  },
  // The layers (README, « Organisation »): the core is pure — no Apps Script service, no adapter;
  // adapters (gas/) know no feature or menu; pages talk to the server only through shared/api.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // From src/core and from its folder workbook/.
              group: ['../', '../../'].flatMap((up) =>
                ['gas/*', 'features/*', 'ui/*', 'pages/*', 'index'].map((path) => up + path),
              ),
              message: 'src/core is the pure core: it imports only src/core and src/shared.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...NOT_IN_APPS_SCRIPT,
        ...APPS_SCRIPT_SERVICES.map((name) => ({
          name,
          message: 'src/core is pure: call Apps Script services from src/gas or src/features.',
        })),
      ],
    },
  },
  {
    files: ['src/gas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../features/*', '../ui/*', '../pages/*', '../index'],
              message: 'src/gas holds thin adapters: they know no feature, menu or page.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/pages/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../gas/*', '../../features/*', '../../ui/*', '../../index'],
              message: 'Pages call the server through google.script.run (src/shared/api.ts) only.',
            },
          ],
        },
      ],
    },
  },
);
