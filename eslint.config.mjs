// The lint n8n applies before it marks a community package "verified", mirrored from
// @n8n/scan-community-package 0.32.0 (scanner/scanner.mjs, buildScanConfig): the same plugins,
// rule sets and file patterns, run on the sources (package.json, nodes/, credentials/) and on the
// built dist/**/*.js that n8n loads. `npm run lint` runs it with --max-warnings 0.
//
// Stricter than the scanner: inline `eslint-disable` comments are not honoured (the scanner passes
// allowInlineConfig: false; here noInlineConfig also reports any such comment), warnings fail the
// lint, two of the scanner's five rule switch-offs are not taken (the code passes them), and `any`
// is refused in node and credential code.
import { defineConfig, globalIgnores } from 'eslint/config';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tsParser from '@typescript-eslint/parser';
import tseslint from 'typescript-eslint';
import eslint from '@eslint/js';
import importPlugin from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default defineConfig(
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' } },

	// `eslint .` (what n8n's `n8n-node lint` runs) checks what ships, as `npm run lint` does: the rules
	// for n8n Cloud's sandbox (no process, no imports) do not apply to the tests, the benchmark, the
	// build and dev scripts, and the built type declarations are checked as their sources.
	globalIgnores(['test/', 'bench/', 'scripts/', 'gulpfile.js', 'jest.config.js', 'dist/**/*.d.ts']),

	// With the n8n Cloud rules: no process, timers, globalThis, __dirname; no runtime imports.
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },

	// eslint-plugin-n8n-nodes-base 2.x ships eslintrc-style configs; flat config takes their rules.
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Switched off by n8n's scanner: this rule wants an n8n-docs slug, while community
			// credentials need a full URL, which @n8n/community-nodes/credential-documentation-url checks.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Switched off by n8n's scanner: these want the string 'main', which contradicts
			// @n8n/community-nodes/node-connection-type-literal (NodeConnectionTypes.Main), kept on.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},

	// Also the rule sets of n8n's own community-node CLI (@n8n/node-cli, src/configs/eslint.ts), on the
	// shipped sources: @eslint/js and typescript-eslint recommended, import-x with the TypeScript
	// resolver, prefer-spread off as there. Not in the scanner or the CLI: no `any` in shipped code.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		extends: [
			eslint.configs.recommended,
			tseslint.configs.recommended,
			importPlugin.configs['flat/recommended'],
		],
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
		rules: { 'prefer-spread': 'off', '@typescript-eslint/no-explicit-any': 'error' },
	},

	// package.json and the codex .node.json are read by rules that walk a TSESTree AST.
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
);
