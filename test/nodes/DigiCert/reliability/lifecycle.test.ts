/**
 * Nothing happens twice: the lifecycle operations (order, reissue, duplicate, revoke, cancel)
 * change DigiCert, so after an answer that may mean DigiCert acted (a 500, a gateway timeout, a
 * connection cut after sending, a timeout) they are not sent again, and the error says to check
 * the order first. Answers that surely mean "not done" (429, connection refused) are retried; a 503
 * only with DigiCert's rate-limit code. A batch that fails names what it made; Retry On Fail does
 * not place an order twice.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { FaultResponse } from '../../../helpers/fake';
import { fakeData } from '../../../helpers/fake';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { WWW_CSR } from '../../../fixtures/csr';
import { runDigiCert } from '../../../helpers/runOperation';

const server = useFakeCertCentral({ fresh: true });

const ORDER = fakeData.SEED_ORDER_ID;
const FAST = { rateLimit: 'off', maxRetries: 3, retryDelay: 1, timeout: 300 };

const operations: Array<[string, INodeParameters, () => string]> = [
	[
		'order reissue',
		{ resource: 'order', operation: 'reissue', orderId: ORDER, csr: WWW_CSR },
		() => `Order ${ORDER}`,
	],
	[
		'order duplicate',
		// With the signature hash given, the POST is the only request (else the order is read first).
		{
			resource: 'order',
			operation: 'duplicate',
			orderId: ORDER,
			csr: WWW_CSR,
			options: { signatureHash: 'sha256' },
		},
		() => `Order ${ORDER}`,
	],
	[
		'order revoke',
		{
			resource: 'order',
			operation: 'revoke',
			orderId: ORDER,
			revocationReason: 'superseded',
			skipApproval: true,
		},
		() => `Order ${ORDER}`,
	],
	[
		'order cancel',
		{ resource: 'order', operation: 'cancel', orderId: ORDER, note: 'x' },
		() => `Order ${ORDER}`,
	],
	[
		'order create',
		{
			resource: 'order',
			operation: 'create',
			product: 'ssl_basic',
			csr: WWW_CSR,
			organizationId: 112233,
			validity: 'years',
			years: 1,
		},
		() => 'Product ssl_basic',
	],
	[
		'certificate revoke',
		{
			resource: 'certificate',
			operation: 'revoke',
			certificateId: 1,
			revocationReason: 'superseded',
		},
		() => 'Certificate 1',
	],
];

/** A request that changes something at DigiCert (not a read). */
const isChange = (r: { method: string }) => r.method !== 'GET';

async function run(parameters: INodeParameters) {
	return await runDigiCert(server, { ...parameters, requestOptions: FAST });
}

const serverError = (status: number): FaultResponse => ({
	status,
	body: { errors: [{ code: 'server_error', message: 'Internal error' }] },
});

describe.each(operations)('%s', (_name, parameters, subject) => {
	it.each([
		['a 500', serverError(500)],
		['a 504 gateway timeout', serverError(504)],
		// A gateway answers 502 when DigiCert's server broke off its answer: after it may have acted.
		['a 502 bad gateway', serverError(502)],
		[
			'an answer cut short',
			{
				status: 201,
				raw: JSON.stringify({ id: 1, requests: [{ id: 2 }], pad: 'x'.repeat(300) }),
				truncate: true,
			},
		],
		['a connection reset after sending', { reset: true }],
		['an answer slower than the timeout', { delayMs: 1000, status: 201, body: {} }],
		// DigiCert documents no promise that a 503 comes before the request is handled (a CDN answers 503
		// when the server behind it timed out): a change is not sent again, unless DigiCert says it refused.
		['a 503 with a server error', serverError(503)],
		[
			"a 503 page from DigiCert's CDN",
			{ status: 503, raw: '<html><body>Service Unavailable</body></html>' },
		],
		['an empty 503', { status: 503, raw: '' }],
	] as Array<[string, FaultResponse]>)(
		'after %s: sent once, and the error says to check before running the item again',
		async (_what, fault) => {
			// The change is what must not be sent twice (Cancel reads the order first; a read may be retried).
			server.fail({ match: isChange, respond: fault });
			const result = await run(parameters);
			expect(server.requests.filter(isChange)).toHaveLength(1);
			const error = result.error as unknown as { message: string; description: string };
			expect(error).toBeDefined();
			expect(error.description).toContain(
				`may have reached DigiCert: check ${subject()} in CertCentral before running this item again`,
			);
		},
	);

	it("after a 429, or a 503 with DigiCert's rate-limit code (DigiCert did not act): sent again", async () => {
		const refusal = {
			errors: [
				{
					code: 'request_limit_exceeded',
					message: 'Service unavailable, please limit request volume',
				},
			],
		};
		server.fail({ times: 1, match: isChange, respond: { status: 429, body: refusal } });
		server.fail({ times: 1, match: isChange, respond: { status: 503, body: refusal } });
		await run(parameters);
		expect(server.requests.filter(isChange)).toHaveLength(3);
	});

	it('a batch that fails at DigiCert halfway names the change it made, not "no request was sent"', async () => {
		// The second change to arrive is refused; the other is made (Cancel's reads of the order pass).
		let arrived = 0;
		server.fail({
			match: (r) => isChange(r) && ++arrived === 2,
			respond: { status: 400, body: { errors: [{ code: 'invalid_request', message: 'No.' }] } },
		});
		// What the fake can change for real (the other tests answer every request with a fault).
		const live =
			parameters.operation === 'cancel'
				? { orderId: server.data.addOrder({ status: 'pending' }).id }
				: parameters.certificateId !== undefined
					? { certificateId: server.data.orders.get(ORDER).certificate.id }
					: {};
		const result = await runDigiCert(
			server,
			{ ...parameters, ...live, requestOptions: { ...FAST, timeout: 60_000 } },
			{ input: [{}, {}] },
		);
		expect(server.requests.filter(isChange)).toHaveLength(2);
		const error = result.error as unknown as { message: string; description: string };
		expect(error.message).toBe('No.');
		expect(error.description).toMatch(/DigiCert made the changes of 1 other item: item [01]\b/);
		expect(error.description).toContain(
			'Before running again, take the items DigiCert changed out of the input',
		);
		expect(error.description).not.toContain('no request was sent');
	});
});

describe('order cancel reads the order first', () => {
	/** Two pending orders; the read of the second fails with a 500 (`times`: that often, else always). */
	function ordersWhoseSecondReadFails(times?: number) {
		const orders = [
			server.data.addOrder({ status: 'pending' }),
			server.data.addOrder({ status: 'pending' }),
		];
		server.fail({
			times,
			match: (r) => r.method === 'GET' && r.path.endsWith(`/order/certificate/${orders[1].id}`),
			respond: serverError(500),
		});
		return orders;
	}
	/** Cancels each order, one item each. */
	const cancelEach = async (orders: Array<{ id: number }>, node = {}) =>
		await runDigiCert(
			server,
			{
				resource: 'order',
				operation: 'cancel',
				orderId: '={{ $json.orderId }}',
				note: 'x',
				requestOptions: { ...FAST, timeout: 60_000 },
			},
			{ input: orders.map(({ id }) => ({ orderId: id })), node },
		);

	it('a batch whose second read of an order fails names the change made, and sends no change for that item', async () => {
		// Item 1's read of its order fails with a 500 (for a change, "may have been made"): its cancel
		// was never sent, so nothing changed for it; item 0's cancel is made.
		const orders = ordersWhoseSecondReadFails();
		const result = await cancelEach(orders);
		expect(server.requests.filter(isChange).map((r) => r.path)).toEqual([
			`/services/v2/order/certificate/${orders[0].id}/status`,
		]);
		const error = result.error as unknown as { message: string; description: string };
		expect(error.message).toContain('Internal error');
		expect(error.description).toMatch(
			new RegExp(`DigiCert made the changes of 1 other item: item 0 \\(orderId ${orders[0].id}\\)`),
		);
		expect(error.description).not.toContain('These may have been made');
		expect(error.description).not.toContain('may have reached DigiCert');
	});

	it('with Retry On Fail, a cancel whose read of the order failed is sent on the next try (it changed nothing)', async () => {
		const orders = ordersWhoseSecondReadFails(1);
		const result = await cancelEach(orders, {
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		});
		expect(result.error).toBeUndefined();
		// Each order canceled once: item 0's on the first try (not again), item 1's on the second.
		expect(server.requests.filter(isChange).map((r) => r.path)).toEqual(
			orders.map(({ id }) => `/services/v2/order/certificate/${id}/status`),
		);
		expect(result.items().map(({ json }) => [json.orderId, json.status])).toEqual(
			orders.map(({ id }) => [id, 'canceled']),
		);
	});
});

/** Creates for `count` items, item `i` with comment `item-i` (the fake's faults pick items by it). */
const CREATE = operations.find(([name]) => name === 'order create')![1];
const comments = (count: number) =>
	Array.from({ length: count }, (_unused, index) => ({ comment: `item-${index}` }));
const posted = (comment: string) =>
	server.requests.filter(
		(r) => r.method === 'POST' && JSON.stringify(r.body).includes(`"${comment}"`),
	);
const refuse = (comment: string): Parameters<typeof server.fail>[0] => ({
	match: (r) => r.method === 'POST' && JSON.stringify(r.body).includes(`"${comment}"`),
	respond: {
		status: 400,
		body: { errors: [{ code: 'invalid_request', message: `Refused ${comment}.` }] },
	},
});

async function createEach(
	input: IDataObject[],
	extra: Partial<INode> = {},
	parameters: INodeParameters = {},
) {
	return await runDigiCert(
		server,
		{
			...CREATE,
			csr: '={{ $json.csr ?? ' + JSON.stringify(WWW_CSR) + ' }}',
			options: { comments: '={{ $json.comment }}' },
			// No timeout fault here: a generous timeout keeps a loaded machine from failing an item.
			requestOptions: { ...FAST, timeout: 60_000 },
			...parameters,
		},
		{ input, node: extra },
	);
}

/** The IDs of the orders the fake holds that Create placed (each named after its comment). */
const placedOrders = () =>
	[...server.data.orders.values()].filter((order) =>
		String((order as { comments?: unknown }).comments ?? '').startsWith('item-'),
	) as Array<{ id: number; comments: string }>;

describe('a batch of paid orders', () => {
	it('a bad CSR in item 5 of 10 stops the batch before any order is placed', async () => {
		const input = comments(10).map((item, index) =>
			index === 5 ? { ...item, csr: 'not a CSR' } : item,
		);
		const result = await createEach(input);
		expect(server.requests).toHaveLength(0);
		const error = result.error as unknown as { message: string; description: string };
		expect(error.message).toContain('CSR must be a PEM certificate signing request');
		expect(error.description).toContain('no request was sent');
		expect((error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(5);
	});

	it('refused by DigiCert at item 5 of 25: the error names every order placed (its order and request IDs) and every item not sent', async () => {
		server.fail(refuse('item-5'));
		const result = await createEach(comments(25));
		const error = result.error as unknown as { message: string; description: string };
		expect(error.message).toBe('Refused item-5.');
		expect(error.description).not.toContain('no request was sent');
		const placed = placedOrders();
		// Items in flight when item 5 failed finish; none starts after it.
		expect(placed.length).toBeGreaterThanOrEqual(9);
		expect(placed.length).toBeLessThan(24);
		expect(error.description).toContain(
			`DigiCert made the changes of ${placed.length} other items:`,
		);
		for (const order of placed) {
			const index = Number(order.comments.slice('item-'.length));
			expect(error.description).toMatch(
				new RegExp(`item ${index} \\(orderId ${order.id}, requestId \\d+[,)]`),
			);
		}
		const sent = new Set(server.requests.map((r) => (r.body as { comments: string }).comments));
		const unsent = comments(25)
			.map(({ comment }, index) => (sent.has(comment) ? undefined : index))
			.filter((index) => index !== undefined);
		expect(error.description).toContain(
			unsent.length > 0 ? `Not sent: items ${unsent.join(', ')}.` : 'DigiCert made',
		);
		expect(server.requests).toHaveLength(placed.length + 1);
	});

	it('with On Error: Continue, every item gets its own order or error, paired with it', async () => {
		server.fail(refuse('item-5'));
		const input = comments(10).map((item, index) =>
			index === 7 ? { ...item, csr: 'not a CSR' } : item,
		);
		const result = await createEach(input, { onError: 'continueRegularOutput' });
		expect(result.error).toBeUndefined();
		const items = result.items();
		expect(items).toHaveLength(10);
		items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		expect(items[5].json.error).toBe('Refused item-5.');
		expect(items[7].json.error).toContain('CSR must be a PEM certificate signing request');
		expect(items[7].json.details).toContain('no request was sent for this item');
		const placed = placedOrders();
		expect(placed).toHaveLength(8);
		for (const order of placed) {
			const index = Number(order.comments.slice('item-'.length));
			expect(items[index].json.orderId).toBe(order.id);
		}
	});
});
describe("n8n's Retry On Fail", () => {
	const retryOnFail = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

	it('a 502 to Create with 3 tries: one POST, and the error names the setting', async () => {
		server.fail({ respond: serverError(502) });
		const result = await createEach([{ comment: 'item-0' }], retryOnFail);
		expect(posted('item-0')).toHaveLength(1);
		const error = result.error as unknown as { message: string; description: string };
		expect(error.message).toContain('Retry On Fail is on: this change was not sent again');
		expect(error.description).toContain('tried 1 time');
		expect(error.description).toContain('Check CertCentral before running this item again');
		expect(error.description).toContain("Turn off the node's Settings > Retry On Fail");
	});

	it('runs the whole node again, but an order already placed is not placed again', async () => {
		// The second item is refused (a 400 is never retried by the node); n8n then runs the node again.
		server.fail(refuse('item-1'));
		const result = await createEach(comments(2), retryOnFail);
		expect(posted('item-0')).toHaveLength(1);
		// A refusal changed nothing: each try sends it again.
		expect(posted('item-1')).toHaveLength(3);
		const error = result.error as unknown as { message: string; description: string };
		expect(error.message).toBe('Refused item-1.');
		const [order] = placedOrders();
		expect(error.description).toContain(`item 0 (orderId ${order.id}`);
	});

	it('with On Error: Continue (n8n runs the node again when the first item failed): each order placed once, each item its own result', async () => {
		server.fail({
			match: (r) => JSON.stringify(r.body).includes('"item-0"'),
			respond: serverError(502),
		});
		const result = await createEach(comments(3), {
			...retryOnFail,
			onError: 'continueRegularOutput',
		});
		for (const comment of ['item-0', 'item-1', 'item-2']) expect(posted(comment)).toHaveLength(1);
		const items = result.items();
		expect(items).toHaveLength(3);
		expect(items[0].json.error).toContain('Retry On Fail is on: this change was not sent again');
		const placed = placedOrders();
		expect(placed).toHaveLength(2);
		for (const order of placed)
			expect(items[Number(order.comments.slice(5))].json.orderId).toBe(order.id);
		items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	});

	it('the notice beside it names every change', async () => {
		const { retryOnFailNotice } = await import('../../../../nodes/DigiCert/shared/requestOptions');
		for (const change of [
			'Create',
			'Reissue',
			'Duplicate',
			'Revoke',
			'Cancel',
			'Approve',
			'Reject',
		])
			expect(retryOnFailNotice.displayName).toContain(change);
	});
});
