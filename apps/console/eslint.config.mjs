// The repository's lint rules, applied to the console's TSX as well as its TS.
import tseslint from 'typescript-eslint';
import root from '../../eslint.config.mjs';

export default tseslint.config(
  ...root,
  {
    files: ['**/*.tsx', '**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: { 'no-console': 'off' },
  },
);
