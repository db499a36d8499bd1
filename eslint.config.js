import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'data', 'assets', 'tests/fixtures/layering', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // A function past this is asking to be split; tests and benchmarks are tables and scripts, not code to keep.
    files: ['src/**/*.ts', 'renderer/src/**/*.{ts,tsx}', 'electron/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 120 }] },
  },
);
