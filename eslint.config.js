// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { existsSync, readdirSync } from 'node:fs';
import svelteConfig from './app/svelte.config.js';

/** Workspace folders (root `workspaces`): they reach each other by package name only. */
const WORKSPACES = ['workers', 'gateway-shard', 'app', 'drizzle', 'dev', 'simulator', 'packages'];
/** A relative import that climbs out of a workspace into another one. */
const acrossWorkspaces = {
  regex: `^(\\.\\./)+(${WORKSPACES.join('|')})/`,
  message: 'Import another workspace by its package name (@edge/…) through its declared exports, not by a relative path.',
};
/** Modules: the folders of workers/src/modules with a definition (its README is the only other entry). */
const MODULES = readdirSync(new URL('./workers/src/modules', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`./workers/src/modules/${d.name}/definition.ts`, import.meta.url)))
  .map((d) => d.name);
/** From inside a module, another module's file other than its index. */
const moduleInternals = {
  regex: `^(\\.\\./)+(${MODULES.join('|')})/(?!index$).+`,
  message: "A module uses another module only through that module's index.ts (import '../<id>').",
};
/** From Worker code outside modules/: a module's file other than its index. */
const moduleInternalsFromOutside = {
  regex: '^\\.\\.?/(\\.\\./)*modules/[^/]+/.+',
  message: "Outside modules/, reach a module only through its index.ts (import '…/modules/<id>').",
};
/** From the platform: any module at all. */
const anyModule = {
  regex: '^\\.\\.?/(\\.\\./)*modules(/|$)',
  message: 'The platform does not know modules by name: only platform/registry.ts lists them; use registry.get(id)/all().',
};

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
    // Boundaries (issue #13): no deep relative import across workspaces; modules meet through index.ts.
    // Root tooling (bench/, configs) is no workspace and measures Worker internals: not covered.
    files: [...WORKSPACES.map((w) => `${w}/**/*.{ts,js,mjs,svelte}`)],
    ignores: MODULES.map((m) => `workers/src/modules/${m}/**`),
    rules: { 'no-restricted-imports': ['error', { patterns: [acrossWorkspaces] }] },
  },
  {
    files: ['workers/src/**/*.ts'],
    ignores: ['workers/src/modules/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [acrossWorkspaces, moduleInternalsFromOutside] }] },
  },
  {
    // Platform code (workers/src/platform/) must not depend on any module: the registry is the one list.
    files: ['workers/src/platform/**/*.ts'],
    ignores: ['workers/src/platform/registry.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [acrossWorkspaces, anyModule] }] },
  },
  {
    files: MODULES.map((m) => `workers/src/modules/${m}/**/*.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: [acrossWorkspaces, moduleInternals] }] },
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
