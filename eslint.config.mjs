// The lint n8n applies before it marks a community package "verified", mirrored from
// @n8n/scan-community-package 0.32.0 (scanner/scanner.mjs, buildScanConfig): the same plugins,
// rule sets and file patterns, run on the sources (package.json, nodes/, credentials/) and on the
// built dist/**/*.js that n8n loads. `npm run lint` runs it with --max-warnings 0.
//
// Stricter than the scanner: inline `eslint-disable` comments are not honoured (the scanner passes
// allowInlineConfig: false; here noInlineConfig also reports any such comment), warnings fail the
// lint, two of the scanner's five rule switch-offs are not taken (the code passes them), and `any`
// is refused in node and credential code.
//
// The code that does not ship (tests, the fake, the benchmark, the scripts) is linted too, with the
// rule sets of n8n's community-node CLI but not the n8n Cloud sandbox rules (it runs in Node.js).
// Where a rule does not fit it, it is switched off below for those files, with the reason.
import { defineConfig, globalIgnores } from 'eslint/config';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tsParser from '@typescript-eslint/parser';
import tseslint from 'typescript-eslint';
import eslint from '@eslint/js';
import importPlugin from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

/** What n8n loads: the sources of the built package, and the build itself. */
const SHIPPED = ['package.json', 'nodes/**', 'credentials/**', 'dist/**'];
/** What runs only in development, in Node.js: tests, the fake CertCentral, the benchmark, scripts. */
const DEVELOPMENT = [
	'test/**',
	'bench/**',
	'scripts/**',
	'gulpfile.js',
	'jest.config.js',
	'index.js',
];

export default defineConfig(
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' } },

	// The built type declarations are checked as their sources.
	globalIgnores(['dist/**/*.d.ts', 'coverage/']),

	// With the n8n Cloud rules: no process, timers, globalThis, __dirname; no runtime imports. Only on
	// what ships: the tests, the benchmark and the scripts run in Node.js, not in n8n's sandbox.
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: SHIPPED },
	{ files: SHIPPED, rules: { 'no-console': 'error' } },

	// eslint-plugin-n8n-nodes-base 2.x ships eslintrc-style configs; flat config takes their rules.
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Switched off by n8n's scanner: this rule wants an n8n-docs slug, while community
			// credentials need a full URL, which @n8n/community-nodes/credential-documentation-url checks.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
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

	// The development code: the same rule sets as the shipped sources, in Node.js.
	{
		files: DEVELOPMENT.map((pattern) =>
			pattern.endsWith('**') ? `${pattern}/*.{ts,js}` : pattern,
		),
		extends: [
			eslint.configs.recommended,
			tseslint.configs.recommended,
			importPlugin.configs['flat/recommended'],
		],
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
		languageOptions: { globals: { ...globals.node } },
		rules: {
			'prefer-spread': 'off',
			// A leading underscore names what is left out on purpose (`{ secret: _s, ...rest }`).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_',
					ignoreRestSiblings: true,
				},
			],
			// The fake CertCentral is plain JavaScript (n8n and the scripts load it too), and the bench
			// and the package test load built JavaScript by paths known only at run time: require.
			'@typescript-eslint/no-require-imports': 'off',
			// The fake's records and n8n's run output are JSON of DigiCert's shapes, untyped JavaScript
			// objects; tests read them loosely. Shipped code keeps `any` refused (above).
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
	// Plain JavaScript that Node.js (or n8n itself, for the fake) runs as CommonJS modules; a module
	// may name a binding like a Node.js global (`const crypto = require('node:crypto')`).
	{
		files: ['**/*.js'],
		ignores: ['dist/**'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
	},
	{ files: ['test/**/*.ts'], languageOptions: { globals: { ...globals.jest } } },

	// package.json and the codex .node.json are read by rules that walk a TSESTree AST.
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
);
