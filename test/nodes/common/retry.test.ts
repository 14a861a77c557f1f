import type { RetryOptions } from '../../../nodes/common/retry';
import {
	backoffDelay,
	isRetryable,
	surelyNotActed,
	nextRetryDelay,
	parseRetryAfter,
} from '../../../nodes/common/retry';
import { DEFAULT_TRANSPORT_OPTIONS } from '../../../nodes/common/transport';

const options = (overrides: Partial<RetryOptions> = {}): RetryOptions => ({
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
		expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, options(), undefined, low))).toEqual([
			500, 1000, 2000, 4000,
		]);
		expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, options(), undefined, high))).toEqual([
			1000, 2000, 4000, 8000,
		]);
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
	function schedule(opts: RetryOptions, retryAfter?: string, random = () => 0.5) {
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
		const waits = schedule(
			options({ maxRetries: 10, retryDelayMs: 10_000, maxRetryTimeMs: 60_000 }),
		);
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
		expect(isRetryable('PUT', { status: 429 })).toBe(true);
		expect(isRetryable('PUT', { code: 'ECONNREFUSED' })).toBe(true);
		// A 503 may come after DigiCert acted (a timeout behind its CDN): only its rate limiter's code proves it did not.
		expect(isRetryable('POST', { status: 503, codes: ['request_limit_exceeded'] })).toBe(true);
		expect(isRetryable('POST', { status: 503, codes: ['server_error'] })).toBe(false);
		for (const status of [502, 503, 504]) {
			expect(isRetryable('PUT', { status })).toBe(false);
			expect(isRetryable('POST', { status })).toBe(false);
		}
		for (const code of ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ERR_BAD_RESPONSE']) {
			expect(isRetryable('PUT', { code })).toBe(false);
			expect(isRetryable('POST', { code })).toBe(false);
		}
	});

	it.each(['ENOTFOUND', 'ERR_CANCELED', 'CERT_HAS_EXPIRED', undefined])(
		'does not resend after %s',
		(code) => {
			expect(isRetryable('GET', { code })).toBe(false);
		},
	);
});

describe('surelyNotActed', () => {
	it('only a refusal by DigiCert, or a request that never reached it, proves nothing was changed', () => {
		for (const status of [400, 403, 404, 409, 429])
			expect(surelyNotActed({ status, codes: [] })).toBe(true);
		for (const status of [200, 201, 302, 500, 502, 503, 504])
			expect(surelyNotActed({ status, codes: [] })).toBe(false);
		expect(surelyNotActed({ status: 503, codes: ['request_limit_exceeded'] })).toBe(true);
		expect(surelyNotActed({ status: 503, codes: ['x|request_limit_exceeded'] })).toBe(true);
		expect(surelyNotActed({ status: 503 })).toBe(false);
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])
			expect(surelyNotActed({ code })).toBe(true);
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'CERT_HAS_EXPIRED', undefined])
			expect(surelyNotActed({ code })).toBe(false);
	});
});
