/**
 * The lint config (eslint.config.mjs) really applies the rules n8n's verification applies: each
 * probe is linted as if it were a file at the given path, through the same eslint binary and
 * config `npm run lint` uses. A config that silently matched no files, or lost a rule set, fails here.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

interface LintMessage {
	ruleId: string | null;
	severity: number;
	message: string;
}

// eslint-plugin-n8n-nodes-base changes what it checks when NODE_ENV is "test", as jest sets it.
const { NODE_ENV: _jestNodeEnv, ...lintEnv } = process.env;

function lintAs(fileName: string, code: string): LintMessage[] {
	const run = spawnSync(
		process.execPath,
		[eslintBin, '--format', 'json', '--stdin', '--stdin-filename', fileName],
		{
			cwd: root,
			input: code,
			encoding: 'utf8',
			env: lintEnv,
		},
	);
	if (run.status !== 0 && run.status !== 1) {
		throw new Error(`eslint failed (${run.status}): ${run.stderr}`);
	}
	const [result] = JSON.parse(run.stdout) as Array<{ messages: LintMessage[] }>;
	return result.messages;
}

const ruleIds = (messages: LintMessage[]) => messages.map((m) => m.ruleId);

describe('lint configuration', () => {
	const cloudViolations = [
		'export async function wait(): Promise<void> {',
		'\tconsole.log(process.env.HOME, globalThis, __dirname);',
		'\tawait new Promise((resolve) => setTimeout(resolve, 10));',
		'}',
	].join('\n');

	it.each([
		['node source', 'nodes/DigiCert/shared/probe.ts'],
		['credential source', 'credentials/Probe.credentials.ts'],
		['built node code', 'dist/nodes/DigiCert/shared/probe.js'],
	])('refuses console, process, globalThis, __dirname and timers in %s', (_, fileName) => {
		const code = fileName.endsWith('.js')
			? cloudViolations.replace(': Promise<void>', '')
			: cloudViolations;
		const messages = lintAs(fileName, code);
		expect(ruleIds(messages)).toEqual(
			expect.arrayContaining(['no-console', '@n8n/community-nodes/no-restricted-globals']),
		);
		const globals = messages
			.filter((m) => m.ruleId === '@n8n/community-nodes/no-restricted-globals')
			.map((m) => /'(\w+)'/.exec(m.message)?.[1]);
		expect(globals.sort()).toEqual(['__dirname', 'globalThis', 'process', 'setTimeout']);
	});

	it('does not honour inline eslint-disable comments', () => {
		const messages = lintAs(
			'nodes/DigiCert/shared/probe.ts',
			'/* eslint-disable */\n// eslint-disable-next-line no-console\nconsole.log("x");\n',
		);
		expect(ruleIds(messages)).toContain('no-console');
		// Each disable comment is itself reported, so `--max-warnings 0` fails on it.
		expect(
			messages.filter((m) => /has no effect because you have 'noInlineConfig'/.test(m.message)),
		).toHaveLength(2);
	});

	it('refuses runtime imports other than n8n-workflow in node code', () => {
		const messages = lintAs(
			'nodes/DigiCert/shared/probe.ts',
			"import axios from 'axios';\nexport const a = axios;\n",
		);
		expect(ruleIds(messages)).toContain('@n8n/community-nodes/no-restricted-imports');
	});

	it('applies the n8n-nodes-base node rules and refuses `any` in node code', () => {
		const messages = lintAs(
			'nodes/DigiCert/shared/probe.ts',
			[
				"import type { INodeProperties } from 'n8n-workflow';",
				'export const flag: INodeProperties = { displayName: "Archived", name: "archived", type: "boolean" };',
				'export const loose: any = flag;',
			].join('\n'),
		);
		expect(ruleIds(messages)).toEqual(
			expect.arrayContaining([
				'n8n-nodes-base/node-param-default-missing',
				'@typescript-eslint/no-explicit-any',
			]),
		);
	});

	it.each(['test/probe.test.ts', 'bench/probe.ts', 'scripts/probe.ts'])(
		'lints %s with typescript-eslint and import-x, but not the n8n Cloud rules',
		(fileName) => {
			const messages = lintAs(
				fileName,
				[
					"import { missing } from './no-such-module';",
					'export const unused = 1;',
					'let neverReassigned = process.env.HOME;',
					'console.log(neverReassigned, missing, __dirname);',
					'var old = 1;',
					'export { old };',
				].join('\n'),
			);
			expect(ruleIds(messages)).toEqual(
				expect.arrayContaining(['import-x/no-unresolved', 'prefer-const', 'no-var']),
			);
			expect(ruleIds(messages).filter((id) => id?.startsWith('@n8n/'))).toEqual([]);
			expect(ruleIds(messages)).not.toContain('no-console');
		},
	);

	it('lints the fake CertCentral as CommonJS', () => {
		const messages = lintAs(
			'test/fake-certcentral/probe.js',
			"const crypto = require('node:crypto');\nconst unused = 1;\nmodule.exports = { crypto };\n",
		);
		expect(ruleIds(messages)).toEqual(['@typescript-eslint/no-unused-vars']);
	});

	it('applies the community package.json rules', () => {
		const messages = lintAs(
			'package.json',
			JSON.stringify({
				name: 'digicert-nodes',
				version: '0.1.0',
				dependencies: { axios: '1.0.0' },
				scripts: { postinstall: 'node x.js' },
			}),
		);
		expect(ruleIds(messages)).toEqual(
			expect.arrayContaining([
				'@n8n/community-nodes/no-runtime-dependencies',
				'@n8n/community-nodes/no-forbidden-lifecycle-scripts',
				'@n8n/community-nodes/package-name-convention',
			]),
		);
		expect(
			ruleIds(messages).some((id) => id?.startsWith('n8n-nodes-base/community-package-json-')),
		).toBe(true);
	});
});
