/**
 * The GitHub Actions workflows are valid YAML and run what they promise: CI runs .ci/run on pull
 * requests; a version tag runs the same checks and then publishes with npm provenance.
 */
import * as fs from 'node:fs';
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
	const workflow = yaml.load(fs.readFileSync(path.join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
	const jobs = Object.values(workflow.jobs);
	expect(jobs).toHaveLength(1);
	return { workflow, steps: jobs[0].steps };
}

const runIndex = (steps: Step[], pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? ''));

describe('GitHub workflows', () => {
	it('CI runs .ci/run on pull requests with Node 20', () => {
		const { workflow, steps } = loadWorkflow('ci.yml');
		expect(Object.keys(workflow.on)).toContain('pull_request');
		expect(steps.find((step) => step.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
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

	it('.ci/run type checks, lints sources and dist after the build, and tests', () => {
		const script = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
		const order = ['npm ci', 'npm run build', 'npm run typecheck', 'npm run lint', 'npm test'].map((command) =>
			script.indexOf(command),
		);
		expect(order.every((position) => position >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		expect(pkg.scripts.lint).toMatch(/lint:src/);
		expect(pkg.scripts.lint).toMatch(/lint:dist/);
		expect(pkg.scripts['lint:dist']).toMatch(/--max-warnings 0/);
		expect(pkg.scripts['lint:dist']).toMatch(/dist\/\*\*\/\*\.js/);
		expect(pkg.scripts['lint:src']).toMatch(/--max-warnings 0/);
		expect(pkg.scripts.typecheck).toMatch(/tsc --noEmit/);
	});
});
