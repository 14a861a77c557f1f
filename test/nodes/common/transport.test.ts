import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Timing, TransportOptions } from '../../../nodes/common/transport';
import { keyPacers } from '../../../nodes/common/rateLimiter';
import { DEFAULT_TRANSPORT_OPTIONS, DigiCertClient } from '../../../nodes/common/transport';
import { VirtualClock } from '../../helpers/clock';
import { credentialFor } from '../../helpers/fake';
import { ActiveTrigger, triggerNode } from '../../helpers/poll';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../helpers/runOperation';
import { digiCertNode } from '../../helpers/engine';

const options = (overrides: Partial<TransportOptions> = {}): TransportOptions => ({
	...DEFAULT_TRANSPORT_OPTIONS,
	maxRetries: 5,
	retryDelayMs: 1000,
	maxRetryTimeMs: 120_000,
	...overrides,
});
describe('DigiCertClient (with a controlled clock)', () => {
	const KEY = 'unit-test-key-0123456789';
	const node = digiCertNode({});

	/** One virtual clock for the client's back-off and for the key's pacer. */
	function controlledTiming() {
		const clock = new VirtualClock();
		keyPacers.reset(clock);
		const timing: Timing = {
			now: clock.now,
			sleep: async (ms) => await clock.sleep(ms),
			random: () => 0.5,
		};
		return { clock, timing };
	}

	type Answer = { statusCode: number; body?: unknown; headers?: Record<string, string> } | Error;

	/** A context whose HTTP helper answers from a script and records each call, with the clock's time. */
	function contextAnswering(answers: Answer[], clock?: VirtualClock) {
		const calls: Array<{ url: string; method: string; at: number }> = [];
		const context = {
			getNode: () => node,
			getCredentials: async () => ({
				region: 'custom',
				baseUrl: 'https://digicert.test/services/v2',
				apiKey: KEY,
			}),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					calls.push({ url: options.url, method: String(options.method), at: clock?.now() ?? 0 });
					const answer = answers.shift() ?? { statusCode: 200, body: '{}' };
					if (answer instanceof Error) throw answer;
					return {
						headers: {},
						...answer,
						body: answer.body === undefined ? undefined : Buffer.from(JSON.stringify(answer.body)),
					};
				},
			},
		};
		return { calls, context: context as unknown as IExecuteFunctions };
	}

	const networkError = (code: string) => Object.assign(new Error(`socket ${code}`), { code });
	const rateLimited = {
		statusCode: 429,
		body: { errors: [{ code: 'request_limit_exceeded', message: 'Slow down' }] },
	};
	const opts = options({ retryDelayMs: 1000, maxRetries: 5, rateWindows: [] });

	it('waits out a 429 in the pacer, then backs off for other failures, and returns the answer', async () => {
		const { clock, timing } = controlledTiming();
		const { calls, context } = contextAnswering(
			[
				rateLimited,
				{ statusCode: 503 },
				networkError('ECONNRESET'),
				{ statusCode: 200, body: { id: 1 } },
			],
			clock,
		);
		const client = await DigiCertClient.connect(context, opts, timing);
		const sent = client.send({ method: 'GET', path: '/request/1' }, 0);
		await clock.run(60_000);
		await expect(sent).resolves.toMatchObject({ statusCode: 200, body: { id: 1 } });
		// The key's pause after the 429 (1 s), then the back-off of retries 2 and 3 (1.5 s, 3 s with the jitter at 0.5).
		expect(calls.map((c) => c.at)).toEqual([0, 1000, 2500, 5500]);
		expect(calls[0].url).toBe('https://digicert.test/services/v2/request/1');
	});

	it('passes on no answer header that repeats the key, in its name or its value (plain or percent-encoded), and keeps the others', async () => {
		const { timing } = controlledTiming();
		const { calls, context } = contextAnswering([
			{
				statusCode: 200,
				body: { id: 1, note: `echo ${KEY}` },
				headers: {
					'content-type': 'application/json',
					[`x-debug-${KEY}`]: 'yes',
					'x-echo': `devkey=${KEY}`,
					'x-echo-encoded': `key=${Array.from(KEY, (c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`,
					// One malformed sequence must not keep the rest from being decoded.
					'x-echo-malformed': `key=${Array.from(KEY, (c) => `%${c.charCodeAt(0).toString(16)}`).join('')}; x=%zz`,
				},
			},
		]);
		const client = await DigiCertClient.connect(context, opts, timing);
		const answer = await client.send({ method: 'GET', path: '/user/me' }, 0);
		expect(calls).toHaveLength(1);
		expect(answer.headers).toEqual({ 'content-type': 'application/json' });
		expect(answer.body).toEqual({ id: 1, note: 'echo [redacted]' });
	});

	it('after a 429, holds the requests of every other item, and of every other execution on the key, until one gets through', async () => {
		const { clock, timing } = controlledTiming();
		const { calls, context } = contextAnswering([rateLimited], clock);
		const other = contextAnswering([], clock);
		const client = await DigiCertClient.connect(context, opts, timing);
		const otherExecution = await DigiCertClient.connect(other.context, opts, timing);

		const first = client.send({ method: 'GET', path: '/request/1' }, 0);
		await clock.run(0);
		const second = client.send({ method: 'GET', path: '/request/2' }, 1);
		const third = otherExecution.send({ method: 'GET', path: '/request/3' }, 0);
		await clock.run(999);
		// Nobody goes out into the block.
		expect(calls).toHaveLength(1);
		expect(other.calls).toHaveLength(0);

		await clock.run(1000);
		await Promise.all([first, second, third]);
		// The refused request goes first (the probe); once it got through, everyone else.
		expect(calls.map((c) => [c.url.split('/').pop(), c.at])).toEqual([
			['1', 0],
			['1', 1000],
			['2', 1000],
		]);
		expect(other.calls.map((c) => c.at)).toEqual([1000]);
	});

	it('gives up after Max Wait When Blocked, saying how long it waited and what to change', async () => {
		const { clock, timing } = controlledTiming();
		const { calls, context } = contextAnswering(
			Array.from({ length: 20 }, () => rateLimited),
			clock,
		);
		const client = await DigiCertClient.connect(
			context,
			options({ ...opts, maxBlockedWaitMs: 20_000 }),
			timing,
		);
		const sent = client.send({ method: 'GET', path: '/request/1' }, 4).catch((e: unknown) => e);
		await clock.run(120_000);
		const error = (await sent) as NodeApiError;
		// Probes at 1, 3, 7 and 15 s; the next (31 s) would come after the 20 s allowed.
		expect(calls.map((c) => c.at)).toEqual([0, 1000, 3000, 7000, 15_000]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'DigiCert kept the API key blocked (429): the node waited 15 s and gave up',
		);
		expect(error.description).toContain('Slow down [request_limit_exceeded]');
		expect(error.description).toContain('5 times in a row');
		expect(error.description).toContain('Max Wait When Blocked (now 20 s)');
		expect(error.description).toContain('another n8n worker or instance, or another tool');
		expect(error.httpCode).toBe('429');
		expect(error.context.itemIndex).toBe(4);
	});

	it('does not resend a change after a reset (DigiCert may have acted), and says so', async () => {
		const { timing } = controlledTiming();
		const { calls, context } = contextAnswering([networkError('ECONNRESET')]);
		const client = await DigiCertClient.connect(context, opts, timing);
		const error = await client
			.send({ method: 'PUT', path: '/request/1/status', body: { status: 'approved' } }, 2)
			.catch((e: unknown) => e);
		expect(calls).toHaveLength(1);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'The connection to DigiCert at digicert.test broke before its answer was complete (ECONNRESET, tried 1 time)',
		);
		expect((error as NodeApiError).description).toContain('may have reached DigiCert');
		expect((error as NodeApiError).context.itemIndex).toBe(2);
	});

	it('resends a change refused with 429, which DigiCert did not act on', async () => {
		const { clock, timing } = controlledTiming();
		const { calls, context } = contextAnswering([rateLimited, { statusCode: 204 }], clock);
		const client = await DigiCertClient.connect(context, opts, timing);
		const sent = client.send(
			{ method: 'PUT', path: '/request/1/status', body: { status: 'approved' } },
			0,
		);
		await clock.run(10_000);
		await expect(sent).resolves.toMatchObject({ statusCode: 204, body: undefined });
		expect(calls.map((c) => c.method)).toEqual(['PUT', 'PUT']);
	});

	it('stops retrying once the user cancels the execution, and sends nothing more for it', async () => {
		const { clock, timing } = controlledTiming();
		const controller = new AbortController();
		const { calls, context } = contextAnswering([rateLimited], clock);
		const send = context.helpers.httpRequestWithAuthentication;
		context.helpers.httpRequestWithAuthentication = async (...args: Parameters<typeof send>) => {
			controller.abort();
			return await send.apply(context, args);
		};
		const cancelled = Object.assign(context, { getExecutionCancelSignal: () => controller.signal });
		const client = await DigiCertClient.connect(cancelled, opts, timing);
		await expect(client.send({ method: 'GET', path: '/request/1' }, 0)).rejects.toThrow(
			/rate limit/,
		);
		await expect(client.send({ method: 'GET', path: '/request/2' }, 1)).rejects.toThrow(
			/cancelled/,
		);
		await clock.run(10_000);
		expect(calls).toHaveLength(1);
	});
});

describe('DigiCertClient network errors', () => {
	it('an unusual failure keeps its own words, with the key redacted', async () => {
		const KEY = 'unit-test-key-0123456789';
		const context = {
			getNode: () => ({
				id: '1',
				name: 'DigiCert',
				type: 'x',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			}),
			getCredentials: async () => ({ region: 'us', apiKey: KEY }),
			helpers: {
				httpRequestWithAuthentication: async () => {
					throw Object.assign(new Error(`self-signed certificate in chain (sent ${KEY})`), {
						code: 'SELF_SIGNED_CERT_IN_CHAIN',
					});
				},
			},
		} as unknown as IExecuteFunctions;
		const client = await DigiCertClient.connect(context, options({ rateWindows: [] }));
		const error = (await client
			.send({ method: 'GET', path: '/user/me' }, 0)
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toBe(
			'Could not reach DigiCert at www.digicert.com (SELF_SIGNED_CERT_IN_CHAIN, tried 1 time)',
		);
		expect(error.description).toBe(
			"self-signed certificate in chain (sent [redacted]). Check the network or proxy between n8n and www.digicert.com, and the credential's region or base URL.",
		);
	});
});

/**
 * Return All against lists that do not behave: through n8n's engine (the node and the trigger), the
 * fake answering every list page. A safety valve in the fake stops a runaway loop after 20 pages, so
 * a regression fails the test instead of paging forever.
 */
describe('paging through a list that does not advance', () => {
	const server = useFakeCertCentral();

	const SAFETY_VALVE = 20;
	/** Answers list pages with `page(offset, limit)` until the safety valve, then with an error that ends any loop. */
	function listAnswers(page: (offset: number, limit: number) => Record<string, unknown>) {
		let served = 0;
		server.fail({
			match: (r) => r.path.endsWith('/request'),
			respond: (r) =>
				++served > SAFETY_VALVE
					? {
							status: 400,
							body: {
								errors: [{ code: 'safety_valve', message: 'The test stopped a runaway loop' }],
							},
						}
					: { status: 200, body: page(Number(r.query.offset), Number(r.query.limit)) },
		});
	}
	const ids = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({ id: from + i, status: 'pending' }));
	const getAllRequests = async () =>
		await runDigiCert(server, {
			resource: 'request',
			operation: 'getMany',
			returnAll: true,
			requestOptions: { rateLimit: 'off', maxRetries: 0 },
		});
	const pagesAsked = () => server.requests.map((r) => r.query.offset);

	it('a server that ignores offset (with a plausible total): an error, not the first page passed off as the whole list', async () => {
		listAnswers((offset, limit) => ({
			requests: ids(1, limit),
			page: { total: 2500, limit, offset },
		}));
		const result = await getAllRequests();

		expect(result.error?.message).toBe(
			"DigiCert's list did not advance: page 2 (offset 1000) held only elements of earlier pages",
		);
		expect((result.error as unknown as { description: string }).description).toMatch(
			/^Nothing was returned rather than an incomplete list/,
		);
		expect(pagesAsked()).toEqual(['0', '1000']);
	});

	it('a server that ignores offset, with neither a total nor IDs: an error after the second page', async () => {
		listAnswers((_offset, limit) => ({
			requests: Array.from({ length: limit }, (_, n) => ({ n })),
		}));
		const result = await getAllRequests();

		expect(result.error?.message).toBe(
			"DigiCert's list did not advance: page 2 (offset 1000) held only elements of earlier pages",
		);
		expect(pagesAsked()).toEqual(['0', '1000']);
	});

	it('a list that keeps growing: at most the pages its first total allows, plus two', async () => {
		listAnswers((offset, limit) => ({
			requests: ids(offset + 1, limit),
			page: { total: offset + 2000, limit, offset },
		}));
		const result = await getAllRequests();

		expect(result.error?.message).toBe(
			"DigiCert's list did not advance: it did not end after 4 pages, after saying it holds 5000 elements",
		);
		expect(pagesAsked()).toEqual(['0', '1000', '2000', '3000']);
	});

	it('the trigger: the poll fails and nothing remembered changes', async () => {
		const trigger = new ActiveTrigger(
			triggerNode({ event: 'requestPending' }),
			credentialFor(server),
		);
		await trigger.activate();
		const remembered = trigger.nodeStaticData();
		server.reset();
		listAnswers((offset, limit) => ({
			requests: ids(5_000_000, limit),
			page: { total: 3000, limit, offset },
		}));
		const { error, emitted } = await trigger.poll();

		expect(error?.message).toMatch(/^DigiCert's list did not advance/);
		expect(emitted).toBeUndefined();
		expect(trigger.nodeStaticData()).toEqual(remembered);
		expect(pagesAsked()).toEqual(['0', '1000']);
	});
});

/**
 * A list whose page misstates it must not become a shorter, or empty, list: through n8n's engine,
 * Domain > Get Expiring Validations (an audit that reports "nothing to do" when it sees nothing).
 */
describe('paging through a list that misstates itself', () => {
	const server = useFakeCertCentral();

	const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
	const domains = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({
			id: from + i,
			name: `d${from + i}.example.com`,
			is_active: true,
			dcv_expiration: { ov: soon },
		}));
	const audit = async () =>
		await runDigiCert(server, {
			resource: 'domain',
			operation: 'getExpiringValidations',
			days: 30,
			requestOptions: { rateLimit: 'off', maxRetries: 0 },
		});

	it('a total lower than what the pages hold: reads on to the end, not stopping at the total', async () => {
		const pages: Record<string, unknown[]> = { '0': domains(1, 1000), '1000': domains(1001, 200) };
		server.fail({
			match: (r) => r.path.endsWith('/domain'),
			respond: (r) => ({
				status: 200,
				body: {
					domains: pages[String(r.query.offset)] ?? [],
					page: { total: 1, limit: 1000, offset: Number(r.query.offset) },
				},
			}),
		});
		const result = await audit();

		expect(result.error).toBeUndefined();
		expect(result.items()).toHaveLength(1200);
		expect(server.requests.map((r) => r.query.offset)).toEqual(['0', '1000', '1200']);
	});

	it.each([
		['an object', { '0': domains(1, 1)[0] }],
		['a text', 'none'],
		['a list holding null', [null, ...domains(1, 1)]],
		['a list holding a number', [7]],
	])(
		'the array in its place is %s: an error, not an empty (or partly read) list',
		async (_name, list) => {
			server.fail({
				respond: {
					status: 200,
					body: { domains: list, page: { total: 1, limit: 1000, offset: 0 } },
				},
			});
			const result = await audit();

			expect(result.error?.message).toBe(
				'DigiCert answered unexpectedly: HTTP 200 with a "domains" that is not a list of objects',
			);
		},
	);

	it('no array at all, or null, is the empty list DigiCert sends', async () => {
		for (const body of [
			{ page: { total: 0, limit: 1000, offset: 0 } },
			{ domains: null, page: { total: 0, limit: 1000, offset: 0 } },
		]) {
			server.fail({ times: 1, respond: { status: 200, body } });
			const result = await audit();
			expect(result.error).toBeUndefined();
			expect(result.items()).toEqual([]);
		}
	});
});
