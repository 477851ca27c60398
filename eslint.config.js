// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layer rules of DESIGN.md, enforced: an import across a forbidden
 * boundary fails lint. Each layer lists what it must not import.
 */
const NODE = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'http',
  'https',
  'net',
  'url',
  'util',
  'crypto',
  'stream',
  'events',
  'module',
  'process',
  'buffer',
];
const forbid = (groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'artifacts/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // The command's launcher is CommonJS (Node starts it sooner than an ES module).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['simulator/**/*.ts'],
    rules: forbid([
      [NODE, 'simulator/ is pure: no Node built-ins (DESIGN.md, layers)'],
      [['electron', 'electron/*', 'react', 'react-dom', 'react-dom/*', 'd3', 'd3-*'], 'simulator/ is pure: no Electron, React or d3'],
      [['**/main/**', '**/renderer/**', '**/preload/**'], 'simulator/ imports nothing of the other layers'],
    ]),
  },
  {
    files: ['main/**/*.ts'],
    rules: forbid([
      [['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*'], 'main/ has no UI code'],
      [['**/renderer/**'], 'main/ does not import the renderer'],
      [['**/preload/index*', '**/preload/browser*'], 'main/ imports only the IPC contract from preload/'],
    ]),
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      // The contract may name the result document's types (type imports are erased); nothing else crosses.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'd3', 'd3-*'], message: 'preload/ is the bridge only' },
            { group: ['**/main/**', '**/renderer/**'], message: 'preload/ imports only electron and the contract' },
            { group: ['**/simulator/**'], message: 'preload/ may import only types from simulator/', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...forbid([
        [NODE, 'the renderer runs in a page: no Node built-ins'],
        [['electron', 'electron/*'], 'the renderer reaches its host only through the API object (renderer/src/api.ts)'],
        [['**/main/**'], 'the renderer does not import main/'],
        [['**/preload/index*'], 'the renderer imports only the IPC contract from preload/'],
      ]),
    },
  },
);
