/**
 * The DigiCert node run through n8n's engine (WorkflowExecute) against the fake CertCentral:
 * every test asserts what reached the server and what came out, and every run is searched for the
 * API key (items, errors, the whole run data, and everything n8n logged).
 * Over 300 lines on purpose: what every operation shares (errors, On Error, regions, logs) is tested
 * here once; each operation's own tests are under resources/.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	capturedLogs,
	jsonsOf,
	outboundUrls,
	pairsOf,
	regionRedirect,
	resetEngineRecords,
} from '../../helpers/engine';
import { fakeData, seenByServer } from '../../helpers/fake';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import type { DigiCertRunOptions } from '../../helpers/runOperation';
import { runDigiCert } from '../../helpers/runOperation';

const WRONG_KEY = 'dc-wrong-key-0000aaaa1111';

const server = useFakeCertCentral();
beforeEach(() => resetEngineRecords());

/** Runs the node; none of the secrets a run may have used may appear anywhere in what it left behind. */
async function runAndCheck({
	parameters,
	...options
}: { parameters: INodeParameters } & DigiCertRunOptions) {
	return await runDigiCert(server, parameters, {
		...options,
		neverShown: [server.apiKey, WRONG_KEY],
	});
}

const listDuplicates = (orderId: unknown, options: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'listDuplicates',
	orderId: orderId as string,
	options,
});
const getRequest = (requestId: unknown): INodeParameters => ({
	resource: 'request',
	operation: 'get',
	requestId: requestId as string,
});

const seedCertificates = fakeData.seeds.orderDuplicates.certificates;
const { SEED_ORDER_ID, ORDER_WITHOUT_DUPLICATES, APPROVED_REQUEST_ID, PENDING_REQUEST_ID } =
	fakeData;

describe('IDs that are not positive whole numbers are refused before any request', () => {
	const badIds: Array<[string, unknown, string]> = [
		['zero', '0', '"0"'],
		['negative', '-1', '"-1"'],
		['fraction', '1.5', '"1.5"'],
		['word', 'abc', '"abc"'],
		['path trick', '1/../../user/me', '"1/../../user/me"'],
		['query trick', '12?x=1', '"12?x=1"'],
		['empty, from an expression', '={{ "" }}', '""'],
		['blank, from an expression', '={{ "  " }}', '"  "'],
		['negative number from an expression', '={{ -1 }}', '-1'],
		['fraction from an expression', '={{ 1.5 }}', '1.5'],
	];

	it.each(badIds)('Order ID: %s', async (_name, value, shown) => {
		const result = await runAndCheck({ parameters: listDuplicates(value) });

		expect(server.requests).toEqual([]);
		expect(outboundUrls).toEqual([]);
		expect(result.error?.message).toBe(
			`Order ID must be a positive whole number, but it is ${shown}`,
		);
		expect(result.items()).toEqual([]);
	});

	it.each(badIds)('Request ID: %s', async (_name, value, shown) => {
		const result = await runAndCheck({ parameters: getRequest(value) });

		expect(server.requests).toEqual([]);
		expect(outboundUrls).toEqual([]);
		expect(result.error?.message).toBe(
			`Request ID must be a positive whole number, but it is ${shown}`,
		);
	});

	it('an empty ID typed in the field is refused by n8n itself (required parameter), naming the field', async () => {
		const result = await runDigiCert(server, getRequest('')).then(
			() => undefined,
			(error: Error) => error,
		);

		expect(result?.message).toContain('Parameter "Request ID" is required');
		expect(server.requests).toEqual([]);
		expect(outboundUrls).toEqual([]);
	});

	it('an ID missing from the input item is refused, naming the parameter', async () => {
		const result = await runAndCheck({
			parameters: listDuplicates('={{ $json.orderId }}'),
			input: [{ other: 1 }],
		});

		expect(server.requests).toEqual([]);
		expect(result.error?.message).toBe(
			'Order ID must be a positive whole number, but it is nothing',
		);
	});
});

describe('DigiCert errors become errors a user can act on', () => {
	it('says the API key was rejected on 403 access_denied_invalid_key, with the code in the description', async () => {
		const result = await runAndCheck({
			parameters: getRequest(APPROVED_REQUEST_ID),
			credential: { apiKey: WRONG_KEY },
		});

		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: `/services/v2/request/${APPROVED_REQUEST_ID}`,
				query: {},
				key: WRONG_KEY,
			},
		]);
		expect(result.error?.message).toBe('DigiCert rejected the API key');
		expect(result.error?.description).toContain('access_denied|access_denied_invalid_key');
		expect(result.error?.description).toContain('HTTP 403');
		expect((result.error as { httpCode?: string }).httpCode).toBe('403');
		expect(result.items()).toEqual([]);
	});

	it('names the order that was not found (404 not_found|order)', async () => {
		const result = await runAndCheck({ parameters: listDuplicates('99999999') });

		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: '/services/v2/order/certificate/99999999/duplicate',
				query: {},
				key: server.apiKey,
			},
		]);
		expect(result.error?.message).toBe('Order 99999999 was not found in DigiCert');
		expect(result.error?.description).toContain('not_found|order');
		expect((result.error as { httpCode?: string }).httpCode).toBe('404');
	});

	it("names the request that was not found (404 with DigiCert's generic not_found)", async () => {
		const result = await runAndCheck({ parameters: getRequest('424242') });

		expect(server.requests.map(seenByServer)).toEqual([
			{ method: 'GET', path: '/services/v2/request/424242', query: {}, key: server.apiKey },
		]);
		expect(result.error?.message).toBe('Request 424242 was not found in DigiCert');
		expect(result.error?.description).toContain('[not_found]');
	});

	it("uses DigiCert's own message for a 400, and names its code", async () => {
		server.fail({
			respond: {
				status: 400,
				body: {
					errors: [
						{
							code: 'invalid_request_id',
							message: 'The request ID is not valid for this account.',
						},
					],
				},
			},
		});
		const result = await runAndCheck({ parameters: getRequest(APPROVED_REQUEST_ID) });

		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toBe('The request ID is not valid for this account.');
		expect(result.error?.description).toContain('invalid_request_id');
		expect(result.error?.description).toContain('HTTP 400');
		expect((result.error as { httpCode?: string }).httpCode).toBe('400');
	});

	it('does not follow a redirect, so the key cannot be carried to another URL', async () => {
		server.fail({
			times: 1,
			respond: { status: 302, headers: { location: `${server.origin}/services/v2/user/me` } },
		});
		const result = await runAndCheck({ parameters: getRequest(APPROVED_REQUEST_ID) });

		expect(server.requests.map((r) => r.path)).toEqual([
			`/services/v2/request/${APPROVED_REQUEST_ID}`,
		]);
		expect(result.error?.message).toBe(
			`DigiCert answered unexpectedly: HTTP 302 with a redirect to ${server.origin}/services/v2/user/me, which is not followed so the API key stays with DigiCert`,
		);
	});

	it('never repeats the API key even when DigiCert echoes it in an error', async () => {
		server.fail({
			respond: {
				status: 400,
				body: {
					errors: [
						{ code: `bad_key|${server.apiKey}`, message: `Bad key ${server.apiKey} given.` },
					],
				},
			},
		});
		const result = await runAndCheck({ parameters: getRequest(APPROVED_REQUEST_ID) });

		expect(result.error?.message).toBe('Bad key [redacted] given.');
		expect(result.error?.description).toContain('[bad_key|[redacted]]');
	});
});

describe('On Error: Continue', () => {
	const mixed = [
		{ id: APPROVED_REQUEST_ID },
		{ id: 'abc' },
		{ id: 424242 },
		{ id: PENDING_REQUEST_ID },
		{ id: 0 },
	];

	function expectMixedOutput(items: INodeExecutionData[]) {
		expect(pairsOf(items)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[0].json).toEqual(fakeData.seeds.requestApproved);
		expect(items[1].json.error).toBe('Request ID must be a positive whole number, but it is "abc"');
		expect(items[2].json.error).toBe('Request 424242 was not found in DigiCert');
		expect(items[2].json.details).toContain('[not_found]');
		expect(items[3].json.id).toBe(PENDING_REQUEST_ID);
		expect(items[4].json.error).toBe('Request ID must be a positive whole number, but it is 0');
		// Only the well-formed IDs were sent, once each.
		expect(server.requests.map((r) => r.path).sort()).toEqual(
			[APPROVED_REQUEST_ID, 424242, PENDING_REQUEST_ID]
				.map((id) => `/services/v2/request/${id}`)
				.sort(),
		);
	}

	it.each([
		['onError: continueRegularOutput', { onError: 'continueRegularOutput' as const }],
		['continueOnFail: true', { continueOnFail: true }],
	])(
		'outputs every item in input order, the failed ones as error items (%s)',
		async (_name, setting) => {
			const result = await runAndCheck({
				parameters: getRequest('={{ $json.id }}'),
				input: mixed,
				node: setting,
			});

			expect(result.error).toBeUndefined();
			expectMixedOutput(result.items());
		},
	);

	it('keeps List Order Duplicates results grouped and paired around failed items', async () => {
		const result = await runAndCheck({
			parameters: listDuplicates('={{ $json.orderId }}'),
			input: [
				{ orderId: SEED_ORDER_ID },
				{ orderId: ORDER_WITHOUT_DUPLICATES },
				{ orderId: 'x' },
				{ orderId: 99999999 },
				{ orderId: SEED_ORDER_ID },
			],
			node: { onError: 'continueRegularOutput' },
		});

		expect(result.error).toBeUndefined();
		const items = result.items();
		expect(pairsOf(items)).toEqual([0, 0, 0, 2, 3, 4, 4, 4].map((item) => ({ item })));
		expect(jsonsOf(items.slice(0, 3))).toEqual(seedCertificates);
		expect(items[3].json.error).toBe('Order ID must be a positive whole number, but it is "x"');
		expect(items[4].json.error).toBe('Order 99999999 was not found in DigiCert');
		expect(jsonsOf(items.slice(5))).toEqual(seedCertificates);
		expect(server.requests).toHaveLength(4);
	});

	it('with "Continue (using error output)", sends the failed items to the error output, each paired', async () => {
		const result = await runAndCheck({
			parameters: getRequest('={{ $json.id }}'),
			input: mixed,
			node: { onError: 'continueErrorOutput' },
		});

		expect(result.error).toBeUndefined();
		const [success, failed] = result.taskData()?.data?.main ?? [];
		expect(jsonsOf(success ?? [])).toEqual([
			fakeData.seeds.requestApproved,
			{ ...fakeData.seeds.requestPending, id: PENDING_REQUEST_ID },
		]);
		expect(pairsOf(success ?? [])).toEqual([{ item: 0 }, { item: 3 }]);
		expect(pairsOf(failed ?? [])).toEqual([{ item: 1 }, { item: 2 }, { item: 4 }]);
		// n8n adds the input item's fields to an error-output item, so the failing ID is visible.
		expect((failed ?? []).map((item) => [item.json.id, item.json.error])).toEqual([
			['abc', 'Request ID must be a positive whole number, but it is "abc"'],
			[424242, 'Request 424242 was not found in DigiCert'],
			[0, 'Request ID must be a positive whole number, but it is 0'],
		]);
		expect(failed?.[1].json.details).toContain('[not_found]');
	});

	it("without it, the first failing item stops the node with that item's error", async () => {
		const result = await runAndCheck({ parameters: getRequest('={{ $json.id }}'), input: mixed });

		expect(result.error?.message).toBe(
			'Request ID must be a positive whole number, but it is "abc"',
		);
		expect(result.items()).toEqual([]);
	});
});

describe('many items', () => {
	it('runs 300 mixed items: all come out in input order, paired, with exactly one request per valid ID', async () => {
		const input = Array.from({ length: 300 }, (_, i) => {
			switch (i % 4) {
				case 0:
					return { id: APPROVED_REQUEST_ID };
				case 1:
					return { id: PENDING_REQUEST_ID };
				case 2:
					return { id: 900000 + i }; // unknown: 404
				default:
					return { id: `bad-${i}` }; // refused before sending
			}
		});
		const result = await runAndCheck({
			parameters: { ...getRequest('={{ $json.id }}'), requestOptions: { rateLimit: 'off' } },
			input: input,
			node: { onError: 'continueRegularOutput' },
		});

		expect(result.error).toBeUndefined();
		const items = result.items();
		expect(items).toHaveLength(300);
		expect(pairsOf(items)).toEqual(input.map((_, item) => ({ item })));
		items.forEach((item, i) => {
			if (i % 4 === 0) expect(item.json.status).toBe('approved');
			if (i % 4 === 1) expect(item.json.status).toBe('pending');
			if (i % 4 === 2)
				expect(item.json.error).toBe(`Request ${900000 + i} was not found in DigiCert`);
			if (i % 4 === 3)
				expect(item.json.error).toBe(
					`Request ID must be a positive whole number, but it is "bad-${i}"`,
				);
		});
		const expectedPaths = input
			.filter((_, i) => i % 4 !== 3)
			.map(({ id }) => `/services/v2/request/${id}`)
			.sort();
		expect(server.requests.map((r) => r.path).sort()).toEqual(expectedPaths);
		expect(server.requests.every((r) => r.headers['x-dc-devkey'] === server.apiKey)).toBe(true);
	});
});

describe('regions', () => {
	it.each([
		['us', 'https://www.digicert.com/services/v2'],
		['eu', 'https://certcentral.digicert.eu/services/v2'],
	])('region %s sends to %s', async (region, base) => {
		regionRedirect.target = server.origin;
		const result = await runAndCheck({
			parameters: listDuplicates(SEED_ORDER_ID, { show_archived: true }),
			credential: { region, baseUrl: 'http://ignored.example/services/v2' },
		});

		expect(result.error).toBeUndefined();
		expect(regionRedirect.asked).toEqual([`${base}/order/certificate/${SEED_ORDER_ID}/duplicate`]);
		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: `/services/v2/order/certificate/${SEED_ORDER_ID}/duplicate`,
				query: { show_archived: 'true' },
				key: server.apiKey,
			},
		]);
		expect(result.items()).toHaveLength(4);
	});
});

describe('custom base URL', () => {
	it('refuses plain http to a host that is not this machine, and sends nothing', async () => {
		const result = await runAndCheck({
			parameters: getRequest(APPROVED_REQUEST_ID),
			credential: { baseUrl: 'http://digicert-proxy.example.test/services/v2' },
		});

		expect(result.error?.message).toContain('must use https://');
		expect(result.error?.message).toContain('http://digicert-proxy.example.test');
		expect(outboundUrls).toEqual([]);
		expect(server.requests).toEqual([]);
	});

	it('refuses a base URL that is not a URL', async () => {
		const result = await runAndCheck({
			parameters: getRequest(APPROVED_REQUEST_ID),
			credential: { baseUrl: 'digicert proxy' },
		});

		expect(result.error?.message).toContain('is not a valid URL');
		expect(outboundUrls).toEqual([]);
	});

	it('allows https to any host', async () => {
		regionRedirect.target = server.origin;
		regionRedirect.extraHosts = ['https://digicert-proxy.example.test'];
		const result = await runAndCheck({
			parameters: getRequest(APPROVED_REQUEST_ID),
			credential: { baseUrl: 'https://digicert-proxy.example.test/services/v2' },
		});

		expect(result.error).toBeUndefined();
		expect(regionRedirect.asked).toEqual([
			`https://digicert-proxy.example.test/services/v2/request/${APPROVED_REQUEST_ID}`,
		]);
		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: `/services/v2/request/${APPROVED_REQUEST_ID}`,
				query: {},
				key: server.apiKey,
			},
		]);
	});

	it.each([
		['127.0.0.1 with a trailing slash', () => `${server.baseUrl}/`],
		['127.0.0.1 with several trailing slashes', () => `${server.baseUrl}///`],
		['localhost', () => `http://localhost:${server.port}/services/v2`],
	])('allows plain http to %s', async (_name, baseUrl) => {
		const result = await runAndCheck({
			parameters: getRequest(APPROVED_REQUEST_ID),
			credential: { baseUrl: baseUrl() },
		});

		expect(result.error).toBeUndefined();
		expect(server.requests.map(seenByServer)).toEqual([
			{
				method: 'GET',
				path: `/services/v2/request/${APPROVED_REQUEST_ID}`,
				query: {},
				key: server.apiKey,
			},
		]);
		expect(jsonsOf(result.items())).toEqual([fakeData.seeds.requestApproved]);
	});
});

describe('logs', () => {
	it('are captured, so the searches for the API key above are meaningful', async () => {
		await runAndCheck({ parameters: getRequest(APPROVED_REQUEST_ID) });
		expect(capturedLogs.length).toBeGreaterThan(0);
	});
});
