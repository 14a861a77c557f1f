/**
 * One jest config, four projects. `npm test` runs `unit` only: in-process, n8n's engine against the
 * fake CertCentral on 127.0.0.1. The others are slow and need the package built (their npm scripts
 * build it) and real n8n (installed once into ~/.cache by scripts/ensure-n8n.sh):
 * - `e2e` (`npm run test:e2e`): real n8n 2.x and 1.x, one file per major, run side by side;
 * - `browser` (`npm run test:browser`): the editor in Debian's Chromium, driven by playwright-core;
 * - `queue` (`npm run test:queue`): queue mode, Redis and PostgreSQL, a main instance and two workers.
 * @type {import('jest').Config}
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const project = (displayName, root, testMatch) => ({
	displayName,
	testEnvironment: 'node',
	roots: [`<rootDir>/${root}`],
	testMatch: [testMatch],
	transform,
});

const unit = {
	...project('unit', 'test', '**/*.test.ts'),
	setupFilesAfterEnv: ['<rootDir>/test/helpers/setup.ts'],
};
const slow = [
	project('e2e', 'test/e2e', '**/*.e2e.ts'),
	project('browser', 'test/e2e', '**/*.browser.ts'),
	project('queue', 'test/queue', '**/*.queue.ts'),
];

// A plain `npx jest` (or `npx jest <file>`) runs the unit tests only, as `npm test` does: the slow
// projects start real n8n, so they run only when named with --selectProjects.
const selecting = process.argv.some((arg) => arg.startsWith('--selectProjects'));

// Jest reads the test timeout only from the top level: the slow projects' scripts raise it to 5 minutes.
module.exports = { testTimeout: 60_000, projects: selecting ? [unit, ...slow] : [unit] };
