/**
 * The editor in a real browser (`npm run test:browser`; not part of `npm test`): n8n 2.41.1 started
 * with the built package, Debian's Chromium driven by playwright-core.
 * @type {import('jest').Config}
 */
module.exports = {
	...require('./jest.e2e.config'),
	testMatch: ['**/*.browser.ts'],
	maxWorkers: 1,
};
