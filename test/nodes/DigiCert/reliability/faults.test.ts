/**
 * Fault injection through n8n's engine: the fake CertCentral answers with rate limits, gateway
 * pages, resets, slow and cut answers; the tests check how often the node asked, that it waited
 * at least what its schedule says (lower bounds only: the machine is shared), what came out, and
 * what the error tells the user.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INode } from 'n8n-workflow';

import type { FaultResponse } from '../../../helpers/fake';
import { fakeData } from '../../../helpers/fake';
import { endlessBody, startHostileServer, trickle } from '../../../helpers/hostileServer';
import { MAX_ANSWER_BYTES } from '../../../../nodes/common/body';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../helpers/runOperation';

const server = useFakeCertCentral();

const REQUEST_ID = fakeData.APPROVED_REQUEST_ID;
const RATE_LIMITED: FaultResponse = {
	status: 429,
	body: {
		errors: [
			{
				code: 'request_limit_exceeded',
				message: 'Service unavailable, please limit request volume',
			},
		],
	},
};
const htmlPage = (status: number): FaultResponse => ({
	status,
	raw: `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>Imperva: error ${status}</h1><p>Incident ID 123</p></body></html>`,
	headers: { 'content-type': 'text/html; charset=utf-8' },
});

async function getRequests(
	ids: unknown[],
	requestOptions: IDataObject,
	extra: Partial<INode> = {},
) {
	return await runDigiCert(
		server,
		{
			resource: 'request',
			operation: 'get',
			requestId: '={{ $json.id }}',
			requestOptions: { rateLimit: 'off', ...requestOptions },
		},
		{ input: ids.map((id) => ({ id }) as IDataObject), node: extra },
	);
}

/** Request > Get asked of a hostile server standing in DigiCert's place. */
async function getRequestFrom(hostile: { origin: string }, requestOptions: IDataObject) {
	return await runDigiCert(
		server,
		{
			resource: 'request',
			operation: 'get',
			requestId: REQUEST_ID,
			requestOptions: { rateLimit: 'off', ...requestOptions },
		},
		{ credential: { baseUrl: `${hostile.origin}/services/v2` } },
	);
}

/** Gaps between the recorded arrival times of the requests to one path. */
const gaps = (path: string) => {
	const times = server.requests.filter((r) => r.path === path).map((r) => r.time);
	return times.slice(1).map((t, i) => t - times[i]);
};
const requestPath = `/services/v2/request/${REQUEST_ID}`;

function errorOf(result: Awaited<ReturnType<typeof getRequests>>) {
	const error = result.error as unknown as {
		message: string;
		description?: string;
		httpCode?: string;
		context: IDataObject;
	};
	expect(error).toBeDefined();
	return error;
}

describe('rate limits (429)', () => {
	it('retries a burst of 429 without Retry-After, backing off exponentially, and returns the item', async () => {
		server.fail({ times: 3, respond: RATE_LIMITED });
		const result = await getRequests([REQUEST_ID], { maxRetries: 5, retryDelay: 40 });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(4);
		expect(server.requests.every((r) => r.headers['x-dc-devkey'] === server.apiKey)).toBe(true);
		// Each wait is at least half of retryDelay * 2^(n-1) (the jitter's lower end).
		gaps(requestPath).forEach((gap, n) => expect(gap).toBeGreaterThanOrEqual(20 * 2 ** n - 1));
		expect(result.items().map((i) => i.json)).toEqual([fakeData.seeds.requestApproved]);
		expect(result.items()[0].pairedItem).toEqual({ item: 0 });
	});

	it('honours Retry-After when one comes', async () => {
		server.fail({ times: 1, respond: { ...RATE_LIMITED, headers: { 'retry-after': '1' } } });
		const result = await getRequests([REQUEST_ID], { maxRetries: 2, retryDelay: 0 });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(gaps(requestPath)[0]).toBeGreaterThanOrEqual(999);
	});

	it('gives up at once when Retry-After asks for longer than the node waits in all', async () => {
		// A day is bounded by DigiCert's longest window (3 min), still longer than the 1 min set here.
		server.fail({ respond: { ...RATE_LIMITED, headers: { 'retry-after': '86400' } } });
		const result = await getRequests([REQUEST_ID], {
			maxRetries: 5,
			retryDelay: 10,
			maxBlockedWait: 60,
		});

		expect(server.requests).toHaveLength(1);
		const error = errorOf(result);
		expect(error.message).toBe(
			'DigiCert blocked the API key (429) for longer than the node waits: the next try would have been in 3 min 0 s',
		);
		expect(error.description).toContain('Max Wait When Blocked (now 1 min 0 s)');
	});

	it('a 429 among many concurrent items: every item still comes out, in order', async () => {
		// That the other items wait out the same hold is shown with a controlled clock in
		// test/nodes/common/transport.test.ts; here, on a real clock, only the outcome.
		const ids = Array.from({ length: 12 }, (_, i) =>
			i % 2 ? fakeData.PENDING_REQUEST_ID : REQUEST_ID,
		);
		server.fail({ times: 1, match: () => server.requests.length >= 3, respond: RATE_LIMITED });
		const result = await getRequests(ids, { maxRetries: 3, retryDelay: 50 });

		expect(result.error).toBeUndefined();
		expect(result.items().map((i) => i.json.id)).toEqual(ids);
		expect(server.requests).toHaveLength(13);
	});

	it('after waiting Max Wait When Blocked, says how long it waited and what to change', async () => {
		server.fail({ respond: RATE_LIMITED });
		const result = await getRequests([REQUEST_ID], { retryDelay: 5, maxBlockedWait: 0.05 });

		// Probes after 5, 10, 20 ms ... until the next would come after 50 ms of waiting.
		expect(server.requests.length).toBeGreaterThanOrEqual(2);
		const error = errorOf(result);
		expect(error.message).toMatch(
			/^DigiCert kept the API key blocked \(429\): the node waited \d+ ms and gave up$/,
		);
		expect(error.description).toContain(
			'Service unavailable, please limit request volume [request_limit_exceeded]',
		);
		expect(error.description).toContain(`${server.requests.length} times in a row`);
		expect(error.description).toContain('Max Wait When Blocked (now 50 ms)');
		expect(error.httpCode).toBe('429');
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('gateway errors with HTML pages', () => {
	it.each([502, 503, 504])('retries HTTP %i and recovers', async (status) => {
		server.fail({ times: 2, respond: htmlPage(status) });
		const result = await getRequests([REQUEST_ID], { maxRetries: 3, retryDelay: 5 });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(3);
		expect(result.items()[0].json).toEqual(fakeData.seeds.requestApproved);
	});

	it.each([502, 503, 504])(
		'HTTP %i that persists: a short message with the status, never the page',
		async (status) => {
			server.fail({ respond: htmlPage(status) });
			const result = await getRequests([REQUEST_ID], { maxRetries: 2, retryDelay: 5 });

			expect(server.requests).toHaveLength(3);
			const error = errorOf(result);
			expect(error.message).toBe(
				`DigiCert answered unexpectedly: HTTP ${status} with an HTML page`,
			);
			expect(error.description).toContain('tried 3 times');
			expect(JSON.stringify(result.error)).not.toMatch(/Imperva|<html|DOCTYPE/i);
		},
	);

	it('an HTML page without a content type is recognised too', async () => {
		server.fail({ respond: { ...htmlPage(503), headers: {} } });
		const result = await getRequests([REQUEST_ID], { maxRetries: 0 });
		expect(errorOf(result).message).toBe(
			'DigiCert answered unexpectedly: HTTP 503 with an HTML page',
		);
	});

	it('HTTP 500 is not retried', async () => {
		server.fail({
			respond: {
				status: 500,
				body: { errors: [{ code: 'internal_error', message: 'Something broke.' }] },
			},
		});
		const result = await getRequests([REQUEST_ID], { maxRetries: 3, retryDelay: 5 });

		expect(server.requests).toHaveLength(1);
		expect(errorOf(result).message).toBe('Something broke.');
		expect(errorOf(result).description).toContain('HTTP 500');
	});
});

describe('broken connections', () => {
	it('retries a reset connection and recovers', async () => {
		server.fail({ times: 2, respond: { reset: true } });
		const result = await getRequests([REQUEST_ID], { maxRetries: 3, retryDelay: 5 });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(3);
		expect(result.items()[0].json).toEqual(fakeData.seeds.requestApproved);
	});

	it('a connection that keeps resetting: says the connection broke, with the code and tries', async () => {
		server.fail({ respond: { reset: true } });
		const result = await getRequests([REQUEST_ID], { maxRetries: 2, retryDelay: 5 });

		expect(server.requests).toHaveLength(3);
		const error = errorOf(result);
		expect(error.message).toBe(
			`The connection to DigiCert at 127.0.0.1:${server.port} broke before its answer was complete (ECONNRESET, tried 3 times)`,
		);
		expect(error.description).toContain('Check the network or proxy');
	});

	it('retries an answer slower than the timeout and recovers', async () => {
		// A generous timeout, so the normal answer that follows is never late on a busy machine.
		server.fail({ times: 1, respond: { delayMs: 3000, status: 200, body: { late: true } } });
		const result = await getRequests([REQUEST_ID], { maxRetries: 2, retryDelay: 5, timeout: 1000 });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(result.items()[0].json).toEqual(fakeData.seeds.requestApproved);
	});

	it('an answer that never comes in time: says so, and which option to raise', async () => {
		// Six times the timeout: late on any machine, however busy.
		server.fail({ respond: { delayMs: 3000, status: 200, body: {} } });
		const result = await getRequests([REQUEST_ID], { maxRetries: 1, retryDelay: 5, timeout: 500 });

		expect(server.requests).toHaveLength(2);
		const error = errorOf(result);
		expect(error.message).toBe('DigiCert did not answer within 500 ms (tried 2 times)');
		expect(error.description).toContain('Timeout');
	});

	it('the timeout bounds the whole answer: a body trickled a byte at a time (never silent for long) fails in time', async () => {
		const body = JSON.stringify({ id: REQUEST_ID, status: 'approved', note: 'x'.repeat(30) });
		const sent = { bytes: 0 };
		const slow = await startHostileServer(trickle(body, 300, sent));
		try {
			const result = await getRequestFrom(slow, { maxRetries: 0, timeout: 800 });

			expect(errorOf(result).message).toBe('DigiCert did not answer within 800 ms (tried 1 time)');
			// Given up long before the body was complete (it takes 20 s), and the connection closed.
			expect(sent.bytes).toBeLessThan(Buffer.byteLength(body) / 2);
			expect(slow.requests).toHaveLength(1);
		} finally {
			await slow.close();
		}
	});

	it('an answer that never ends is cut off at MAX_ANSWER_BYTES (not read into memory until n8n fails), and not asked for again', async () => {
		const sent = { bytes: 0 };
		const endless = await startHostileServer(endlessBody(sent));
		try {
			const result = await getRequestFrom(endless, { maxRetries: 2, retryDelay: 5 });

			const error = errorOf(result);
			expect(error.message).toBe(
				'DigiCert answered unexpectedly: HTTP 200 with an answer over 64 MB, which was not read further',
			);
			expect(error.description).toContain('A proxy or');
			// Stopped at the cap (plus what was in flight), and the connection closed: one request, not retried.
			expect(sent.bytes).toBeLessThan(MAX_ANSWER_BYTES + 32 * 1024 * 1024);
			expect(endless.requests).toHaveLength(1);
		} finally {
			await endless.close();
		}
	});

	it('retries a truncated body and recovers', async () => {
		server.fail({
			times: 1,
			respond: { status: 200, body: { id: 1, padding: 'x'.repeat(500) }, truncate: true },
		});
		const result = await getRequests([REQUEST_ID], { maxRetries: 2, retryDelay: 5 });

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(result.items()[0].json).toEqual(fakeData.seeds.requestApproved);
	});
});

describe('answers that are not what DigiCert sends', () => {
	it.each([
		[
			'plain text',
			{ status: 200, raw: 'OK', headers: { 'content-type': 'text/plain' } },
			'a body that is not JSON (text/plain)',
		],
		['an HTML page', htmlPage(200), 'an HTML page'],
		[
			'broken JSON',
			{
				status: 200,
				raw: '{"id": 198, "status": ',
				headers: { 'content-type': 'application/json' },
			},
			'a body that is not JSON (application/json)',
		],
	])('a 200 with %s is an error, not retried and not dumped', async (_name, respond, what) => {
		server.fail({ respond: respond as FaultResponse });
		const result = await getRequests([REQUEST_ID], { maxRetries: 3, retryDelay: 5 });

		expect(server.requests).toHaveLength(1);
		const error = errorOf(result);
		expect(error.message).toBe(`DigiCert answered unexpectedly: HTTP 200 with ${what}`);
		expect(error.description).toMatch(/proxy or DigiCert's CDN/);
	});

	it.each([
		['an empty body', { status: 200 }],
		['a bare string', { status: 200, body: 'approved' }],
		['a list of numbers', { status: 200, body: [1, 2] }],
	])('a 200 with %s is an error, not a broken item', async (_name, respond) => {
		server.fail({ respond: respond as FaultResponse });
		const result = await getRequests([REQUEST_ID], { maxRetries: 0 });

		const error = errorOf(result);
		expect(error.message).toBe('DigiCert answered with data of an unexpected shape');
		expect(error.context.itemIndex).toBe(0);
	});

	it('an answer with json and binary keys is data, never an n8n item the server chose', async () => {
		const answer = {
			json: { approved: true },
			binary: { data: { data: 'SGk=', mimeType: 'text/plain', fileName: 'x.txt' } },
			id: 1,
		};
		server.fail({ respond: { status: 200, body: answer } });
		const result = await getRequests([REQUEST_ID], { maxRetries: 0 });

		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([{ json: answer, pairedItem: { item: 0 } }]);
	});

	it('so is a list element with json and binary keys', async () => {
		const element = {
			id: 5,
			json: { x: 1 },
			binary: { data: { data: 'SGk=', mimeType: 'text/plain' } },
		};
		server.fail({
			respond: {
				status: 200,
				body: { requests: [element], page: { total: 1, limit: 1000, offset: 0 } },
			},
		});
		const result = await runDigiCert(server, {
			resource: 'request',
			operation: 'getMany',
			returnAll: true,
			requestOptions: { rateLimit: 'off' },
		});

		expect(result.items()).toEqual([{ json: element, pairedItem: { item: 0 } }]);
	});

	describe.each(['listDuplicates', 'listReissues'])('%s', (operation) => {
		// DigiCert answers "none" with {} (no certificates key): anything else is not its answer.
		it.each([
			['no body (204)', { status: 204 }],
			['null', { status: 200, raw: 'null', headers: { 'content-type': 'application/json' } }],
			['certificates that are not a list', { status: 200, body: { certificates: 'none' } }],
		])('%s is an unexpected answer, not "no certificates"', async (_name, respond) => {
			server.fail({ respond: respond as FaultResponse });
			const result = await runDigiCert(server, {
				resource: 'order',
				operation,
				orderId: fakeData.SEED_ORDER_ID,
				requestOptions: { rateLimit: 'off', maxRetries: 0 },
			});

			expect(errorOf(result).message).toBe('DigiCert answered with data of an unexpected shape');
		});

		it('{} is no certificates', async () => {
			server.fail({ respond: { status: 200, body: {} } });
			const result = await runDigiCert(server, {
				resource: 'order',
				operation,
				orderId: fakeData.SEED_ORDER_ID,
			});

			expect(result.error).toBeUndefined();
			expect(result.items()).toEqual([]);
		});
	});
});

describe('file downloads', () => {
	async function download() {
		return await runDigiCert(
			server,
			{
				resource: 'certificate',
				operation: 'download',
				orderId: String(fakeData.SEED_ORDER_ID),
				requestOptions: { rateLimit: 'off', maxRetries: 2, retryDelay: 5 },
			},
			{ input: [{ n: 1 }] },
		);
	}

	it.each([
		['with an HTML content type', htmlPage(200)],
		['without a content type', { ...htmlPage(200), headers: {} }],
	])('a 200 HTML page %s is not saved as a certificate', async (_how, respond) => {
		server.fail({ respond });
		const result = await download();

		expect(server.requests).toHaveLength(1);
		expect(errorOf(result).message).toBe(
			'DigiCert answered unexpectedly: HTTP 200 with an HTML page instead of a file',
		);
		expect(result.items()).toHaveLength(0);
	});

	it('a download cut short is retried, and the file comes out whole', async () => {
		server.fail({ times: 1, respond: { status: 200, raw: Buffer.alloc(2000, 1), truncate: true } });
		const result = await download();

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(result.items()[0].json.fileName).toMatch(/\.pem$/);
	});
});

describe('redirects', () => {
	it('does not follow a redirect to another host, and the key never reaches it', async () => {
		const elsewhere: http.IncomingMessage[] = [];
		const other = http.createServer((req, res) => {
			elsewhere.push(req);
			res.end('{}');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		const otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
		try {
			for (const status of [301, 302, 307, 308]) {
				server.reset();
				server.fail({
					respond: {
						status,
						headers: { location: `${otherOrigin}/services/v2/request/${REQUEST_ID}` },
					},
				});
				const result = await getRequests([REQUEST_ID], { maxRetries: 3, retryDelay: 5 });

				expect(server.requests).toHaveLength(1);
				const error = errorOf(result);
				expect(error.message).toBe(
					`DigiCert answered unexpectedly: HTTP ${status} with a redirect to ${otherOrigin}/services/v2/request/${REQUEST_ID}, which is not followed so the API key stays with DigiCert`,
				);
				expect(error.description).toContain('base URL');
			}
			expect(elsewhere).toHaveLength(0);
		} finally {
			other.closeAllConnections();
			await new Promise((resolve) => other.close(resolve));
		}
	});
});

describe('client errors are not retried', () => {
	it.each([
		[
			400,
			'bad_request_format',
			'Request body is malformed.',
			'Request body is malformed.',
			"Check the item's parameters",
		],
		[
			403,
			'access_denied|access_denied_invalid_key',
			'Access denied due to access_denied_invalid_key.',
			'DigiCert rejected the API key',
			'region',
		],
		[
			403,
			'access_denied|missing_permission',
			'Missing permission.',
			"The API key's user lacks permission for this operation",
			'role',
		],
		[
			404,
			'not_found|request',
			'Request not found.',
			`Request ${REQUEST_ID} was not found in DigiCert`,
			'Check the ID',
		],
		[409, 'conflict', 'Conflict.', 'Conflict.', "Check the item's parameters"],
	])(
		'HTTP %i %s: one attempt, a clear error',
		async (status, code, digiCertMessage, message, advice) => {
			server.fail({ respond: { status, body: { errors: [{ code, message: digiCertMessage }] } } });
			const result = await getRequests([REQUEST_ID], { maxRetries: 5, retryDelay: 5 });

			expect(server.requests).toHaveLength(1);
			const error = errorOf(result);
			expect(error.message).toBe(message);
			expect(error.description).toContain(
				`DigiCert answered HTTP ${status}: ${digiCertMessage} [${code}].`,
			);
			expect(error.description).toContain(advice);
			expect(error.httpCode).toBe(String(status));
		},
	);

	it("the fake's own invalid-key answer, through the credential", async () => {
		const result = await runDigiCert(
			server,
			{ resource: 'request', operation: 'get', requestId: '={{ $json.id }}' },
			{ input: [{ id: REQUEST_ID }], credential: { apiKey: 'not-the-key-0000' } },
		);
		expect(server.requests).toHaveLength(1);
		expect(errorOf(result).message).toBe('DigiCert rejected the API key');
	});
});

describe('On Error: Continue', () => {
	it('one bad item never costs the others: all come out, in order, each paired', async () => {
		server.fail({ match: (r) => r.path.endsWith('/request/199'), respond: { reset: true } });
		server.fail({
			times: 2,
			match: (r) => r.path.endsWith(`/request/${REQUEST_ID}`),
			respond: RATE_LIMITED,
		});
		const ids = [REQUEST_ID, 999, 'abc', 199, REQUEST_ID];
		const result = await getRequests(
			ids,
			{ maxRetries: 3, retryDelay: 5 },
			{ onError: 'continueRegularOutput' },
		);

		expect(result.error).toBeUndefined();
		const items = result.items();
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items[0].json).toEqual(fakeData.seeds.requestApproved);
		expect(items[1].json.error).toBe('Request 999 was not found in DigiCert');
		expect(items[2].json.error).toBe('Request ID must be a positive whole number, but it is "abc"');
		expect(items[2].json.details).toContain('no request was sent');
		expect(items[3].json.error).toMatch(
			/broke before its answer was complete \(ECONNRESET, tried 4 times\)/,
		);
		expect(items[4].json).toEqual(fakeData.seeds.requestApproved);
		// "abc" never reached DigiCert.
		expect(server.requests.some((r) => r.path.includes('abc'))).toBe(false);
	});
});
