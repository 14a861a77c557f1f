/**
 * `npm run test:queue`: the package in n8n's queue mode (Redis, PostgreSQL, a main instance and two
 * workers). Slow and apart from `npm test`; it needs the package built (the script builds it).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 300_000,
	maxWorkers: 1,
};
