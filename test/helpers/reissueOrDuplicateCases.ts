import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { API_RSA_CSR, ORGANIZATION_NAME_CSR, WWW_CSR, oneLineCsr } from '../fixtures/csr';
import type { FakeCertCentral } from './fake';
import { fakeData } from './fake';
import { runOperation } from './runOperation';

/** The day `days` from now (negative: ago), as YYYY-MM-DD. */
export const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Runs a Reissue or Duplicate of the seed order with an API CSR and this Certificate Validity. */
export const runWithValidity =
	(server: FakeCertCentral, operation: 'reissue' | 'duplicate') =>
	async (validity: INodeParameters) =>
		await runOperation(server, 'order', operation, {
			orderId: fakeData.SEED_ORDER_ID,
			csr: API_RSA_CSR,
			options: { certificateValidity: { validity } },
		});

/**
 * Checks that a Reissue or Duplicate ran without error, reading the order once and then sending the
 * change (its CSR lacked what DigiCert requires, or an option needed the order): returns what it sent.
 */
export function sentAfterReadingTheOrder(
	server: FakeCertCentral,
	operation: 'reissue' | 'duplicate',
	result: { error?: unknown },
): unknown {
	const order = fakeData.SEED_ORDER_ID;
	expect(result.error).toBeUndefined();
	expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		`GET /services/v2/order/certificate/${order}`,
		`POST /services/v2/order/certificate/${order}/${operation}`,
	]);
	return server.requests[1].body;
}

/**
 * The tests Reissue and Duplicate share (the same CSR and options, the same refusals): each
 * operation's test/nodes/DigiCert/resources/order/<operation>.csr.test.ts runs them for itself.
 * `server` must be a fresh fake each test (`useFakeCertCentral({ fresh: true })`): they change its data.
 */
export function describeReissueOrDuplicate(
	server: FakeCertCentral,
	operation: 'reissue' | 'duplicate',
) {
	const ORDER = fakeData.SEED_ORDER_ID;
	const run = async (parameters: INodeParameters, input: IDataObject[] = [{}]) =>
		await runOperation(server, 'order', operation, parameters, input);

	describe(`${operation}: what Reissue and Duplicate share`, () => {
		it(`sends POST /order/certificate/{id}/${operation} with the CSR on one line and the options, and outputs the request`, async () => {
			const result = await run(
				{
					orderId: '={{ $json.orderId }}',
					csr: '={{ $json.csr }}',
					options: {
						dnsNames: 'example.com, www.example.com',
						signatureHash: 'sha384',
						comments: 'CHG-7',
						commonName: 'www.example.com',
					},
				},
				[{ orderId: String(ORDER), csr: WWW_CSR }],
			);

			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toMatchObject({
				method: 'POST',
				path: `/services/v2/order/certificate/${ORDER}/${operation}`,
			});
			expect(server.requests[0].body).toEqual({
				certificate: {
					csr: oneLineCsr(WWW_CSR),
					common_name: 'www.example.com',
					dns_names: ['example.com', 'www.example.com'],
					signature_hash: 'sha384',
				},
				comments: 'CHG-7',
			});
			const [item] = result.items();
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toEqual({
				orderId: ORDER,
				requestId: expect.any(Number),
				requestIds: [item.json.requestId],
				status: 'pending',
				certificateId: null,
			});
			// DigiCert now has a pending request of that type on the order.
			expect(server.data.requests.get(item.json.requestId as number)).toMatchObject({
				type: operation,
				status: 'pending',
				order: { id: ORDER },
			});
		});

		it("takes the common name from the CSR when none is given, and sends no options it wasn't given", async () => {
			await run({ orderId: ORDER, csr: API_RSA_CSR });
			// Duplicate also needs a signature hash: the order's, read first (see duplicate.test.ts).
			expect(server.requests.at(-1)!.body).toEqual({
				certificate: {
					csr: oneLineCsr(API_RSA_CSR),
					common_name: 'api.example.com',
					...(operation === 'duplicate' ? { signature_hash: 'sha256' } : {}),
				},
			});
		});

		it('refuses bad input before sending anything, naming the field', async () => {
			const cases: Array<[INodeParameters, string]> = [
				[{ orderId: ORDER, csr: 'MIIB...' }, 'CSR must be a PEM certificate signing request'],
				[
					{ orderId: ORDER, csr: WWW_CSR.replace('MIIB', 'MI!B') },
					'CSR is not valid: the text between its BEGIN and END lines is not base64',
				],
				[
					{ orderId: ORDER, csr: ORGANIZATION_NAME_CSR },
					`The CSR's common name "Example Inc" is not a host name`,
				],
				[
					{
						orderId: ORDER,
						csr: WWW_CSR,
						options: { dnsNames: 'ok.example.com, *.*.example.com' },
					},
					'Other Host Names (SANs) "*.*.example.com" is not a host name: a wildcard may only be the whole leftmost label',
				],
				[
					{ orderId: ORDER, csr: WWW_CSR, options: { commonName: '10.0.0.1' } },
					'Common Name "10.0.0.1" is not a host name: it is an IP address',
				],
				[
					{ orderId: `${ORDER}/../../user/me`, csr: WWW_CSR },
					'Order ID must be a positive whole number',
				],
			];
			for (const [parameters, message] of cases) {
				const result = await run(parameters);
				expect(result.error?.message).toContain(message);
				expect((result.error as { description?: string }).description).toMatch(
					/no request was sent/,
				);
			}
			expect(server.requests).toHaveLength(0);
		});

		it('refuses a CSR or SANs of the wrong type from an expression (list, number, object), before sending anything', async () => {
			const cases: Array<[INodeParameters, string]> = [
				[
					{ orderId: ORDER, csr: '={{ [1] }}' },
					'CSR must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), but it is a list [1]',
				],
				[
					{ orderId: ORDER, csr: '={{ 5 }}' },
					'CSR must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), but it is 5',
				],
				[
					{ orderId: ORDER, csr: WWW_CSR, options: { dnsNames: '={{ { a: 1 } }}' } },
					'Other Host Names (SANs) must be host names separated by commas, but it is an object {"a":1}',
				],
				[
					{ orderId: ORDER, csr: WWW_CSR, options: { dnsNames: '={{ 7 }}' } },
					'Other Host Names (SANs) must be host names separated by commas, but it is 7',
				],
			];
			for (const [parameters, message] of cases) {
				const result = await run(parameters);
				expect({ message: result.error?.message }).toEqual({ message });
			}
			expect(server.requests).toHaveLength(0);
		});

		it("says an unknown order was not found, and passes on DigiCert's refusal of an order that is not issued", async () => {
			const unknown = await run({ orderId: 424242, csr: WWW_CSR });
			expect(unknown.error?.message).toBe('Order 424242 was not found in DigiCert');
			const pending = server.data.addOrder({ status: 'pending' });
			const refused = await run({ orderId: pending.id, csr: WWW_CSR });
			expect(refused.error?.message).toMatch(
				new RegExp(
					`Order ${pending.id} cannot be ${operation === 'reissue' ? 'reissued' : 'duplicated'}: its status is pending`,
				),
			);
			expect((refused.error as { httpCode?: string }).httpCode).toBe('400');
		});
	});
}
