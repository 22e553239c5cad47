// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './app/svelte.config.js';

/**
 * One lint for the whole repository. Type-aware (the TypeScript programs of `npm run typecheck`),
 * so promise misuse — a floating promise, an async callback where nothing awaits it — is caught.
 */
export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'app/build/**', '**/.svelte-kit/**', '.data/**', '.wrangler/**', 'test-artifacts/**', 'drizzle/migrations/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, svelteConfig },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_`-prefixed names are deliberately unused: placeholders and fields split off with a rest.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['app/**/*.svelte', 'app/**/*.svelte.ts'],
    rules: {
      // The dashboard is always served from the root of the Worker's origin (no `paths.base`),
      // so resolve() around every link would change nothing.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
