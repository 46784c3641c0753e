// Lint rules that keep each layer to what it may import (see docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'];

const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'This layer runs without Node: use shared/ code or ask the Node side through the API contract.',
}));
const noElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload may import electron.',
};
const nodePatterns = [{ group: ['node:*'], message: 'No Node modules in this layer.' }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode, { name: 'react', message: 'shared/ is pure: no React.' }, { name: 'react-dom', message: 'shared/ is pure: no React.' }],
          patterns: [
            ...nodePatterns,
            { group: ['react', 'react/*', 'react-dom', 'react-dom/*', '@tiptap/react', '@tiptap/react/*'], message: 'shared/ is pure: no React.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ may import only shared/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode],
          patterns: [...nodePatterns, { group: ['**/electron/**'], message: 'The renderer reaches the Node side only through the API contract.' }],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [{ group: ['**/renderer/**'], message: 'The Node side does not import the page.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'The shell does not import the page.' }] }],
    },
  },
);
