/**
 * How the end-to-end runner judges an `n8n execute`: by its exit status, and, when n8n crashed with
 * SIGSEGV while exiting (n8n 2.41.1 on Node 24 does, now and then, without this package), by the
 * run it printed in full before.
 */
import { parseRunOutput, runSucceeded } from './n8n';

const printed = (resultData: object) =>
	`Started\n${JSON.stringify({ data: { resultData } }, null, 2)}\n`;
const succeeded = parseRunOutput(printed({ runData: { DigiCert: [] } }));
const failed = parseRunOutput(
	printed({ runData: {}, error: { message: 'Domain 9 was not found in DigiCert' } }),
);

describe('runSucceeded', () => {
	it('follows the exit status when n8n exited', () => {
		expect(runSucceeded({ code: 0, signal: null }, succeeded)).toBe(true);
		expect(runSucceeded({ code: 1, signal: null }, failed)).toBe(false);
		// The exit status wins over what was printed.
		expect(runSucceeded({ code: 1, signal: null }, succeeded)).toBe(false);
	});

	it('after a crash on exit, a complete run decides by its own error', () => {
		expect(runSucceeded({ code: null, signal: 'SIGSEGV' }, succeeded)).toBe(true);
		expect(runSucceeded({ code: null, signal: 'SIGSEGV' }, failed)).toBe(false);
	});

	it('a crash before the run was printed in full, or any other signal (e.g. the timeout’s SIGKILL), is a failure', () => {
		const cut = printed({ runData: { DigiCert: [] } });
		expect(parseRunOutput(cut.slice(0, cut.length - 10))).toBeUndefined();
		expect(runSucceeded({ code: null, signal: 'SIGSEGV' }, undefined)).toBe(false);
		expect(runSucceeded({ code: null, signal: 'SIGSEGV' }, {})).toBe(false);
		expect(runSucceeded({ code: null, signal: 'SIGKILL' }, succeeded)).toBe(false);
		expect(runSucceeded({ code: null, signal: 'SIGTERM' }, succeeded)).toBe(false);
	});
});
