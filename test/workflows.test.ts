/**
 * The GitHub Actions workflows are valid YAML and run what they promise: CI runs .ci/run on pull
 * requests; a version tag runs the same checks and then publishes with npm provenance.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// js-yaml comes with eslint (@eslint/eslintrc); no dependency is added for this test.
const yaml = require('js-yaml') as { load: (text: string) => unknown };

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

const root = path.resolve(__dirname, '..');

function loadWorkflow(name: string): { workflow: Workflow; steps: Step[] } {
	const workflow = yaml.load(
		fs.readFileSync(path.join(root, '.github', 'workflows', name), 'utf8'),
	) as Workflow;
	const jobs = Object.values(workflow.jobs);
	expect(jobs).toHaveLength(1);
	return { workflow, steps: jobs[0].steps };
}

const runIndex = (steps: Step[], pattern: RegExp) =>
	steps.findIndex((step) => pattern.test(step.run ?? ''));

describe('GitHub workflows', () => {
	it('CI runs .ci/run on pull requests with Node 20', () => {
		const { workflow, steps } = loadWorkflow('ci.yml');
		expect(Object.keys(workflow.on)).toContain('pull_request');
		expect(
			steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'],
		).toBe(20);
		expect(runIndex(steps, /^bash \.ci\/run$/)).toBeGreaterThanOrEqual(0);
	});

	it('a v* tag runs the same checks, then publishes with provenance', () => {
		const { workflow, steps } = loadWorkflow('release.yml');
		expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
		expect(workflow.permissions).toEqual(expect.objectContaining({ 'id-token': 'write' }));
		const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with).toEqual(
			expect.objectContaining({ 'node-version': 20, 'registry-url': 'https://registry.npmjs.org' }),
		);
		const checks = runIndex(steps, /^bash \.ci\/run$/);
		const publish = runIndex(steps, /^npm publish --provenance --access public$/);
		expect(checks).toBeGreaterThanOrEqual(0);
		expect(publish).toBeGreaterThan(checks);
		expect(steps[publish].env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
	});

	it('lints sources and dist with warnings as errors, and type checks', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
			scripts: Record<string, string>;
		};
		expect(pkg.scripts.lint).toMatch(/lint:src/);
		expect(pkg.scripts.lint).toMatch(/lint:dist/);
		expect(pkg.scripts['lint:dist']).toMatch(/--max-warnings 0/);
		expect(pkg.scripts['lint:dist']).toMatch(/dist\/\*\*\/\*\.js/);
		expect(pkg.scripts['lint:src']).toMatch(/--max-warnings 0/);
		expect(pkg.scripts.typecheck).toMatch(/tsc --noEmit/);
	});
});

/**
 * .ci/run as CI runs it, with `npm` and the Chromium installer replaced by stubs that record what
 * they were asked: the steps, their order, and that a failing step stops the run.
 */
describe('.ci/run', () => {
	function runCi(failOn?: string): { status: number | null; npm: string[] } {
		const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-run-'));
		try {
			fs.mkdirSync(path.join(sandbox, '.ci'));
			fs.mkdirSync(path.join(sandbox, 'scripts'));
			fs.mkdirSync(path.join(sandbox, 'bin'));
			fs.copyFileSync(path.join(root, '.ci', 'run'), path.join(sandbox, '.ci', 'run'));
			const log = path.join(sandbox, 'npm.log');
			const stub = (file: string, body: string) =>
				fs.writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
			stub(path.join(sandbox, 'scripts', 'ensure-chromium.sh'), 'exit 0');
			stub(
				path.join(sandbox, 'bin', 'npm'),
				`[ "$1" = --version ] && { echo 0.0.0; exit 0; }\necho "$*" >> ${JSON.stringify(log)}\n[ "$*" = ${JSON.stringify(failOn ?? '')} ] && exit 3\nexit 0`,
			);
			const result = spawnSync('bash', [path.join(sandbox, '.ci', 'run')], {
				env: {
					...process.env,
					PATH: `${path.join(sandbox, 'bin')}:${process.env.PATH}`,
					DIGICERT_CACHE_DIR: sandbox,
				},
				encoding: 'utf8',
			});
			const npm = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
			return { status: result.status, npm };
		} finally {
			fs.rmSync(sandbox, { recursive: true, force: true });
		}
	}

	it('installs, builds, type checks, lints and tests, in that order, before the real-n8n suites', () => {
		const { status, npm } = runCi();
		expect(status).toBe(0);
		expect(npm.slice(0, 5)).toEqual(['ci', 'run build', 'run typecheck', 'run lint', 'test']);
		expect(npm).toEqual(
			expect.arrayContaining(['run test:e2e', 'run test:browser', 'run test:queue']),
		);
		expect(npm.indexOf('run test:e2e')).toBeGreaterThan(npm.indexOf('test'));
	});

	it('stops at the first failing step', () => {
		const { status, npm } = runCi('run lint');
		expect(status).toBe(3);
		expect(npm).toEqual(['ci', 'run build', 'run typecheck', 'run lint']);
	});
});
