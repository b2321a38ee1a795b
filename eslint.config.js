// Lint rules: typescript-eslint's recommended set, plus the house rule that
// server/domain stays pure (no I/O imports) so the PWA can share it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'var', 'coverage', 'web/dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The few plain-JavaScript scripts (they run before the server is compiled) run on Node.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'better-sqlite3', 'hono', 'hono/*', '../repositories/*', '../services/*', '../routes/*', '../db/*'], message: 'server/domain is pure: no I/O, no framework.' },
          ],
        },
      ],
    },
  },
);
