import { transportOptionsFrom } from '../../../../nodes/DigiCert/shared/requestOptions';
import { DIGICERT_RATE_WINDOWS } from '../../../../nodes/common/rateLimiter';
import { DEFAULT_TRANSPORT_OPTIONS } from '../../../../nodes/common/transport';

describe('transportOptionsFrom', () => {
	it("uses the defaults and DigiCert's limits when nothing is set", () => {
		expect(transportOptionsFrom({})).toEqual(DEFAULT_TRANSPORT_OPTIONS);
		expect(transportOptionsFrom(undefined)).toEqual(DEFAULT_TRANSPORT_OPTIONS);
		expect(transportOptionsFrom({}).rateWindows).toBe(DIGICERT_RATE_WINDOWS);
	});

	it('reads each option, numbers given as strings too (as expressions give them)', () => {
		expect(
			transportOptionsFrom({ maxRetries: '2', retryDelay: 50, timeout: '1500' }),
		).toMatchObject({
			maxRetries: 2,
			retryDelayMs: 50,
			timeoutMs: 1500,
		});
	});

	it('counts a fast custom rate over a tenth of a second', () => {
		expect(
			transportOptionsFrom({ rateLimit: 'custom', requestsPerSecond: 400 }).rateWindows,
		).toEqual([{ limit: 40, ms: 100 }]);
		expect(
			transportOptionsFrom({ rateLimit: 'custom', requestsPerSecond: 25 }).rateWindows,
		).toEqual([{ limit: 2, ms: 80 }]);
	});

	it('turns a slow custom rate into evenly spaced requests', () => {
		expect(transportOptionsFrom({ rateLimit: 'custom', requestsPerSecond: 4 }).rateWindows).toEqual(
			[{ limit: 1, ms: 250 }],
		);
		expect(transportOptionsFrom({ rateLimit: 'custom' }).rateWindows).toEqual([
			{ limit: 1, ms: 200 },
		]);
		expect(
			transportOptionsFrom({ rateLimit: 'custom', requestsPerSecond: 0.5 }).rateWindows,
		).toEqual([{ limit: 1, ms: 2000 }]);
	});

	it('gives every execution with the same rate the same windows (the pacer compares them, per request)', () => {
		const custom = () =>
			transportOptionsFrom({ rateLimit: 'custom', requestsPerSecond: 300 }).rateWindows;
		expect(custom()).toBe(custom());
		expect(transportOptionsFrom({ rateLimit: 'off' }).rateWindows).toBe(
			transportOptionsFrom({ rateLimit: 'off' }).rateWindows,
		);
	});

	it('paces nothing when the rate limit is off', () => {
		expect(transportOptionsFrom({ rateLimit: 'off' }).rateWindows).toEqual([]);
	});

	it("waits up to twice DigiCert's 3-minute window while the key is blocked, or the seconds set", () => {
		expect(transportOptionsFrom({}).maxBlockedWaitMs).toBe(360_000);
		expect(transportOptionsFrom({ maxBlockedWait: '30' }).maxBlockedWaitMs).toBe(30_000);
		expect(transportOptionsFrom({ maxBlockedWait: 0 }).maxBlockedWaitMs).toBe(0);
		expect(() => transportOptionsFrom({ maxBlockedWait: 3601 })).toThrow(
			'Settings > Rate Limit and Retries > Max Wait When Blocked must be a number from 0 to 3600, but it is 3601',
		);
	});

	it('rounds Max Retries down', () => {
		expect(transportOptionsFrom({ maxRetries: 2.7 }).maxRetries).toBe(2);
	});

	it.each([
		[
			{ maxRetries: 11 },
			'Settings > Rate Limit and Retries > Max Retries must be a number from 0 to 10, but it is 11',
		],
		[{ maxRetries: -1 }, 'Max Retries must be a number from 0 to 10'],
		[{ maxRetries: true }, 'Max Retries must be a number from 0 to 10, but it is true'],
		[{ maxRetries: [3] }, 'Max Retries must be a number from 0 to 10, but it is a list [3]'],
		[{ maxRetries: '3; DROP' }, 'Max Retries must be a number'],
		[{ retryDelay: 'NaN' }, 'Retry Delay must be a number from 0 to 600000'],
		[{ retryDelay: Infinity }, 'Retry Delay must be a number'],
		[{ timeout: 0 }, 'Timeout must be a number from 1 to 600000'],
		[{ timeout: { ms: 5 } }, 'Timeout must be a number'],
		[
			{ rateLimit: 'custom', requestsPerSecond: 0 },
			'Requests per Second must be a number from 0.01 to 1000',
		],
		[
			{ rateLimit: 'custom', requestsPerSecond: 1e9 },
			'Requests per Second must be a number from 0.01 to 1000',
		],
		[{ rateLimit: 'fast' }, 'Rate Limit must be one of digicert, custom, off, but it is "fast"'],
		[{ rateLimit: ['off'] }, 'Rate Limit must be one of digicert, custom, off'],
	])('refuses %j', (raw, message) => {
		expect(() => transportOptionsFrom(raw)).toThrow(message);
	});

	it.each(['fast', 5, ['a'], true])(
		'refuses Request Options that are not a set of options: %j',
		(raw) => {
			expect(() => transportOptionsFrom(raw)).toThrow(
				'Settings > Rate Limit and Retries must be a set of settings',
			);
		},
	);

	it('cuts a huge value short in its message', () => {
		let message = '';
		try {
			transportOptionsFrom({ timeout: 'x'.repeat(10_000) });
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/^Settings > Rate Limit and Retries > Timeout must be a number/);
		expect(message.length).toBeLessThan(170);
	});
});
