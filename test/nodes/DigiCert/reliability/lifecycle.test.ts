/**
 * Nothing happens twice: the lifecycle operations (order, reissue, duplicate, revoke, cancel)
 * change DigiCert, so after an answer that may mean DigiCert acted (a 500, a gateway timeout, a
 * connection cut after sending, a timeout) they are not sent again, and the error says to check
 * the order first. Answers that surely mean "not done" (429, 503, connection refused) are retried.
 */
import type { INodeParameters } from 'n8n-workflow';

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
	] as Array<[string, FaultResponse]>)(
		'after %s: sent once, and the error says to check before running the item again',
		async (_what, fault) => {
			// The change is what must not be sent twice (Cancel reads the order first).
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

	it('after a 429 or 503 (DigiCert did not act): sent again', async () => {
		server.fail({
			times: 1,
			match: isChange,
			respond: {
				status: 429,
				body: {
					errors: [
						{
							code: 'request_limit_exceeded',
							message: 'Service unavailable, please limit request volume',
						},
					],
				},
			},
		});
		server.fail({ times: 1, match: isChange, respond: serverError(503) });
		await run(parameters);
		expect(server.requests.filter(isChange)).toHaveLength(3);
	});
});

describe("n8n's Retry On Fail", () => {
	it('runs the whole node again, so an order that already succeeded is placed twice: the notice beside it names every change', async () => {
		const { retryOnFailNotice } = await import('../../../../nodes/DigiCert/shared/requestOptions');
		const create = operations.find(([name]) => name === 'order create')![1];
		// The second item is refused (a 400 is never retried by the node); n8n then runs both items again.
		server.fail({
			match: (r) => r.method === 'POST' && JSON.stringify(r.body).includes('"two"'),
			respond: { status: 400, body: { errors: [{ code: 'invalid_request', message: 'No.' }] } },
		});
		await runDigiCert(
			server,
			{ ...create, options: { comments: '={{ $json.comment }}' }, requestOptions: FAST },
			{
				input: [{ comment: 'one' }, { comment: 'two' }],
				node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
			},
		);
		expect(
			server.requests.filter(
				(r) => r.method === 'POST' && JSON.stringify(r.body).includes('"one"'),
			),
		).toHaveLength(2);

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
