import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Timing, TransportOptions } from '../../../../nodes/DigiCert/shared/transport';
import {
	DEFAULT_TRANSPORT_OPTIONS,
	DigiCertClient,
	backoffDelay,
	isRetryable,
	nextRetryDelay,
	parseRetryAfter,
} from '../../../../nodes/DigiCert/shared/transport';

const options = (overrides: Partial<TransportOptions> = {}): TransportOptions => ({
	...DEFAULT_TRANSPORT_OPTIONS,
	maxRetries: 5,
	retryDelayMs: 1000,
	maxRetryTimeMs: 120_000,
	...overrides,
});
const NOW = Date.parse('2026-11-22T08:00:00Z');

describe('parseRetryAfter', () => {
	it.each([
		['120', 120_000],
		[' 3 ', 3000],
		['0', 0],
		['1.5', 1500],
		[7, 7000],
		[['2'], 2000],
	])('reads delta-seconds %j', (value, ms) => {
		expect(parseRetryAfter(value, NOW)).toBe(ms);
	});

	it('reads an HTTP date relative to now, never negative', () => {
		expect(parseRetryAfter('Sun, 22 Nov 2026 08:00:30 GMT', NOW)).toBe(30_000);
		expect(parseRetryAfter('Sun, 22 Nov 2026 07:59:00 GMT', NOW)).toBe(0);
	});

	it.each([undefined, null, '', 'soon', '-1', '3 x', {}, true])('ignores %j', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	it('doubles from the retry delay, with jitter between half and all of it', () => {
		const low = () => 0;
		const high = () => 0.999999;
		expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, options(), undefined, low))).toEqual([500, 1000, 2000, 4000]);
		expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, options(), undefined, high))).toEqual([1000, 2000, 4000, 8000]);
	});

	it('never exceeds the total budget', () => {
		expect(backoffDelay(20, options(), undefined, () => 1)).toBe(120_000);
	});

	it('follows Retry-After when DigiCert sends one', () => {
		expect(backoffDelay(1, options(), '7', () => 0)).toBe(7000);
		expect(backoffDelay(4, options(), 'Sun, 22 Nov 2026 08:00:02 GMT', () => 0, NOW)).toBe(2000);
	});

	it('is zero with a zero retry delay', () => {
		expect(backoffDelay(3, options({ retryDelayMs: 0 }))).toBe(0);
	});
});

describe('nextRetryDelay', () => {
	/** The waits a request makes before giving up, if every attempt fails. */
	function schedule(opts: TransportOptions, retryAfter?: string, random = () => 0.5) {
		const waits: number[] = [];
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			const delay = nextRetryDelay(attempt, waited, opts, retryAfter, random, NOW);
			if (delay === undefined) return waits;
			waits.push(delay);
			waited += delay;
		}
	}

	it('gives up after Max Retries', () => {
		expect(schedule(options({ maxRetries: 3 }))).toEqual([750, 1500, 3000]);
		expect(schedule(options({ maxRetries: 0 }))).toEqual([]);
	});

	it('gives up before the waits add up to more than the budget', () => {
		const waits = schedule(options({ maxRetries: 10, retryDelayMs: 10_000, maxRetryTimeMs: 60_000 }));
		expect(waits).toEqual([7500, 15_000, 30_000]);
		expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
	});

	it('gives up at once when Retry-After asks for more than the budget', () => {
		expect(schedule(options(), '3600')).toEqual([]);
	});

	it('stays bounded whatever the random source says', () => {
		for (const r of [0, 0.3, 0.99]) {
			const waits = schedule(options({ maxRetries: 10, retryDelayMs: 50_000 }), undefined, () => r);
			expect(waits.length).toBeLessThanOrEqual(10);
			expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(120_000);
		}
	});
});

describe('isRetryable', () => {
	it.each([429, 502, 503, 504])('resends a GET after HTTP %i', (status) => {
		expect(isRetryable('GET', { status })).toBe(true);
	});

	it.each([400, 401, 403, 404, 409, 422, 500, 501])('does not resend after HTTP %i', (status) => {
		expect(isRetryable('GET', { status })).toBe(false);
		expect(isRetryable('PUT', { status })).toBe(false);
	});

	it.each(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ERR_BAD_RESPONSE'])(
		'resends a GET after %s',
		(code) => {
			expect(isRetryable('GET', { code })).toBe(true);
		},
	);

	it('resends a change only when DigiCert surely did not act on it', () => {
		for (const status of [429, 502, 503]) expect(isRetryable('PUT', { status })).toBe(true);
		expect(isRetryable('PUT', { code: 'ECONNREFUSED' })).toBe(true);
		expect(isRetryable('PUT', { status: 504 })).toBe(false);
		for (const code of ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_BAD_RESPONSE']) {
			expect(isRetryable('PUT', { code })).toBe(false);
			expect(isRetryable('POST', { code })).toBe(false);
		}
	});

	it.each(['ENOTFOUND', 'ERR_CANCELED', 'CERT_HAS_EXPIRED', undefined])('does not resend after %s', (code) => {
		expect(isRetryable('GET', { code })).toBe(false);
	});
});

describe('DigiCertClient (with a controlled clock)', () => {
	const KEY = 'unit-test-key-0123456789';
	const node: INode = { id: '1', name: 'DigiCert', type: 'n8n-nodes-digicert.digiCert', typeVersion: 1, position: [0, 0], parameters: {} };

	/** Waits that only end when the test says so, on a clock only the test moves. */
	function controlledTiming() {
		const state = { now: 0, pending: [] as Array<{ ms: number; done: () => void }> };
		const timing: Timing = {
			now: () => state.now,
			sleep: async (ms) => await new Promise<void>((done) => state.pending.push({ ms, done })),
			random: () => 0.5,
		};
		/** Moves the clock to the earliest wake-up and ends the waits due by then. */
		const advance = () => {
			const wake = Math.min(...state.pending.map((p) => state.now + p.ms));
			state.now = wake;
			const due = state.pending.filter((p) => p.ms <= wake);
			state.pending = state.pending.filter((p) => p.ms > wake);
			due.forEach((p) => p.done());
		};
		return { state, timing, advance };
	}

	type Answer = { statusCode: number; body?: unknown; headers?: Record<string, string> } | Error;

	/** A context whose HTTP helper answers from a script and records each call. */
	function contextAnswering(answers: Answer[]) {
		const calls: Array<{ url: string; method: string }> = [];
		const context = {
			getNode: () => node,
			getCredentials: async () => ({ region: 'custom', baseUrl: 'https://digicert.test/services/v2', apiKey: KEY }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					calls.push({ url: options.url, method: String(options.method) });
					const answer = answers.shift() ?? { statusCode: 200, body: '{}' };
					if (answer instanceof Error) throw answer;
					return { headers: {}, ...answer, body: answer.body === undefined ? undefined : Buffer.from(JSON.stringify(answer.body)) };
				},
			},
		};
		return { calls, context: context as unknown as IExecuteFunctions };
	}

	const networkError = (code: string) => Object.assign(new Error(`socket ${code}`), { code });
	const rateLimited = { statusCode: 429, body: { errors: [{ code: 'request_limit_exceeded', message: 'Slow down' }] } };
	const opts = options({ retryDelayMs: 1000, maxRetries: 5, rateWindows: [] });
	const settle = async () => {
		for (let i = 0; i < 20; i++) await Promise.resolve();
	};

	it('waits the backoff schedule between attempts, then returns the answer', async () => {
		const { state, timing, advance } = controlledTiming();
		const { calls, context } = contextAnswering([rateLimited, { statusCode: 503 }, networkError('ECONNRESET'), { statusCode: 200, body: { id: 1 } }]);
		const client = await DigiCertClient.connect(context, opts, timing);
		const waits: number[] = [];
		const sent = client.send({ method: 'GET', path: '/request/1' }, 0);
		for (let i = 0; i < 3; i++) {
			await settle();
			waits.push(...state.pending.map((p) => p.ms));
			advance();
		}
		await expect(sent).resolves.toMatchObject({ statusCode: 200, body: { id: 1 } });
		expect(waits).toEqual([750, 1500, 3000]);
		expect(calls).toHaveLength(4);
		expect(calls[0].url).toBe('https://digicert.test/services/v2/request/1');
	});

	it('after a 429, holds the requests of every other item until the wait is over', async () => {
		const { state, timing, advance } = controlledTiming();
		const { calls, context } = contextAnswering([rateLimited]);
		const client = await DigiCertClient.connect(context, opts, timing);

		const first = client.send({ method: 'GET', path: '/request/1' }, 0);
		await settle();
		expect(state.pending.map((p) => p.ms)).toEqual([750]); // the retry's backoff
		const second = client.send({ method: 'GET', path: '/request/2' }, 1);
		await settle();
		// The second item's request waits for the same hold instead of going out into the block.
		expect(calls).toHaveLength(1);
		expect(state.pending.map((p) => p.ms)).toEqual([750, 750]);

		advance();
		await Promise.all([first, second]);
		expect(calls.map((c) => c.url.split('/').pop())).toEqual(['1', '1', '2']);
		expect(calls).toHaveLength(3);
		expect(state.now).toBe(750);
	});

	it('does not resend a change after a reset (DigiCert may have acted), and says so', async () => {
		const { timing } = controlledTiming();
		const { calls, context } = contextAnswering([networkError('ECONNRESET')]);
		const client = await DigiCertClient.connect(context, opts, timing);
		const error = await client.send({ method: 'PUT', path: '/request/1/status', body: { status: 'approved' } }, 2).catch((e: unknown) => e);
		expect(calls).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'The connection to DigiCert at digicert.test broke before its answer was complete (ECONNRESET, tried 1 time)',
		);
		expect((error as NodeApiError).description).toContain('may have reached DigiCert');
		expect((error as NodeApiError).context.itemIndex).toBe(2);
	});

	it('resends a change refused with 429, which DigiCert did not act on', async () => {
		const { timing, advance } = controlledTiming();
		const { calls, context } = contextAnswering([rateLimited, { statusCode: 204 }]);
		const client = await DigiCertClient.connect(context, opts, timing);
		const sent = client.send({ method: 'PUT', path: '/request/1/status', body: { status: 'approved' } }, 0);
		await settle();
		advance();
		await expect(sent).resolves.toMatchObject({ statusCode: 204, body: undefined });
		expect(calls.map((c) => c.method)).toEqual(['PUT', 'PUT']);
	});

	it('stops retrying once the user cancels the execution', async () => {
		const { timing } = controlledTiming();
		const { calls, context } = contextAnswering([rateLimited]);
		const controller = new AbortController();
		controller.abort();
		const cancelled = Object.assign(context, { getExecutionCancelSignal: () => controller.signal });
		const client = await DigiCertClient.connect(cancelled, opts, timing);
		await expect(client.send({ method: 'GET', path: '/request/1' }, 0)).rejects.toThrow(/rate limit/);
		expect(calls).toHaveLength(1);
	});
});

describe('DigiCertClient network errors', () => {
	it('an unusual failure keeps its own words, with the key redacted', async () => {
		const KEY = 'unit-test-key-0123456789';
		const context = {
			getNode: () => ({ id: '1', name: 'DigiCert', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCredentials: async () => ({ region: 'us', apiKey: KEY }),
			helpers: {
				httpRequestWithAuthentication: async () => {
					throw Object.assign(new Error(`self-signed certificate in chain (sent ${KEY})`), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
				},
			},
		} as unknown as IExecuteFunctions;
		const client = await DigiCertClient.connect(context, options({ rateWindows: [] }));
		const error = (await client.send({ method: 'GET', path: '/user/me' }, 0).catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe('Could not reach DigiCert at www.digicert.com (SELF_SIGNED_CERT_IN_CHAIN, tried 1 time)');
		expect(error.description).toBe(
			"self-signed certificate in chain (sent [redacted]). Check the network or proxy between n8n and www.digicert.com, and the credential's region or base URL.",
		);
	});
});
