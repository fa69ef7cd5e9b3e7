// Code-quality lint for every project. Architecture (who may import whom) is held by
// dependency-cruiser: see .dependency-cruiser.cjs, run as part of `npm run lint`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Type-aware rules for the services and libraries (each file is checked with the tsconfig.json
    // nearest to it): a promise is awaited, returned, or handed off with `void` and its own .catch.
    files: ['apps/{intake,test-run,results,purchase-option,gateway,cli}/**/*.ts', 'libs/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts'],
    // Tests read JSON answers whose shape the assertions check.
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['tools/**/*.ts'],
    // Command-line tools print to the terminal.
    rules: { 'no-console': 'off' },
  },
);
