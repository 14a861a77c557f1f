/**
 * End-to-end tests in a real n8n (`npm run test:e2e`; not part of `npm test`): slow, they install
 * n8n once into a cache and start it as a separate process. One file per n8n major, run in parallel.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 5 * 60_000,
	maxWorkers: 2,
};
