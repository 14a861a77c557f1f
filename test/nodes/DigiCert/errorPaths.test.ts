/**
 * Failure paths not covered elsewhere, through n8n's engine: each must stop with a message a user can
 * act on, and (for bad input) before anything reaches DigiCert.
 */
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../helpers/runOperation';

const server = useFakeCertCentral();

const run = async (parameters: Record<string, unknown>) =>
	await runDigiCert(
		server,
		{ ...parameters, requestOptions: { rateLimit: 'off', maxRetries: 0 } } as never,
		{ input: [{ n: 1 }] },
	);

describe('refused before any request', () => {
	it('an operation the resource does not have', async () => {
		const result = await run({ resource: 'order', operation: 'nope' });
		expect(result.error?.message).toBe('The operation "nope" is not known for resource "order"');
		expect(server.requests).toEqual([]);
	});

	it('a sort order DigiCert does not offer', async () => {
		const result = await run({
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			options: { sort: 'price' },
		});
		expect(result.error?.message).toMatch(
			/^Sort must be one of date_created, -date_created, .* but it is "price"$/,
		);
		expect(server.requests).toEqual([]);
	});

	it('a comment that is not text', async () => {
		const result = await run({
			resource: 'request',
			operation: 'approve',
			requestId: '199',
			comment: '={{ [1, 2] }}',
		});
		expect(result.error?.message).toMatch(/^Comment must be text, but it is/);
		expect(server.requests).toEqual([]);
	});
});

describe('answers that are not what a list should be', () => {
	it('says so when a page is not a list object, after sending one request', async () => {
		server.fail({ respond: { status: 200, body: [1, 2, 3] } });
		const result = await run({ resource: 'order', operation: 'getMany', returnAll: true });
		expect(result.error?.message).toBe(
			'DigiCert answered unexpectedly: HTTP 200 with something other than a list',
		);
		expect((result.error as { description?: string }).description).toMatch(/region or base URL/);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: '/services/v2/order/certificate',
			query: { offset: '0', limit: '1000' },
		});
	});
});
