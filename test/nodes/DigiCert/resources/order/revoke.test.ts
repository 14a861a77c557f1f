import type { INodeParameters } from 'n8n-workflow';

import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { submittedRevocation } from '../../../../helpers/revocation';

// A fresh fake each test: revocations and cancellations change its data.
const server = useFakeCertCentral({ fresh: true });

const ORDER = fakeData.SEED_ORDER_ID;
const order = (id = ORDER) => server.data.orders.get(id);

describe('Revoke Order', () => {
	it('with Skip Approval: PUT {revocation_reason, comments, skip_approval}, 204, and the order and its duplicates are revoked', async () => {
		const result = await runOperation(
			server,
			'order',
			'revoke',
			{
				orderId: '={{ $json.id }}',
				revocationReason: 'key_compromise',
				comment: 'INC-9',
				skipApproval: true,
			},
			[{ id: ORDER }],
		);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'PUT',
			path: `/services/v2/order/certificate/${ORDER}/revoke`,
		});
		expect(server.requests[0].body).toEqual({
			revocation_reason: 'key_compromise',
			comments: 'INC-9',
			skip_approval: true,
		});
		expect(result.items()).toEqual([
			{
				json: submittedRevocation({ orderId: ORDER }),
				pairedItem: { item: 0 },
			},
		]);
		expect(order().status).toBe('revoked');
		// Its duplicates too (the seed order's archived one was the issued one).
		expect(server.data.duplicates.get(ORDER)!.map((c: any) => c.status)).toEqual([
			'approved',
			'rejected',
			'pending',
			'revoked',
		]);
	});

	it('without Skip Approval: 201 with the revoke request, which revokes the order once approved', async () => {
		const result = await runOperation(server, 'order', 'revoke', {
			orderId: ORDER,
			revocationReason: 'superseded',
		});
		expect(server.requests[0].body).toEqual({ revocation_reason: 'superseded' });
		const item = result.items()[0].json;
		expect(item).toMatchObject({
			orderId: ORDER,
			status: 'pending',
			waitingForApproval: true,
			requestId: expect.any(Number),
			request: { type: 'revoke', status: 'pending' },
		});
		expect(order().status).toBe('issued');
		await runOperation(server, 'request', 'approve', { requestId: item.requestId as number });
		expect(order().status).toBe('revoked');
	});

	it("refuses a reason that is not DigiCert's, before sending anything", async () => {
		const result = await runOperation(server, 'order', 'revoke', {
			orderId: ORDER,
			revocationReason: '={{ "compromised" }}',
		});
		expect(result.error?.message).toBe(
			'Reason must be one of unspecified, key_compromise, affiliation_changed, superseded, cessation_of_operation, but it is "compromised"',
		);
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a reason or comment of the wrong type from an expression (object, list, number), before sending anything', async () => {
		const reasons =
			'Reason must be one of unspecified, key_compromise, affiliation_changed, superseded, cessation_of_operation, but it is';
		const cases: Array<[INodeParameters, string]> = [
			[{ revocationReason: '={{ { a: 1 } }}' }, `${reasons} an object {"a":1}`],
			[{ revocationReason: '={{ ["superseded"] }}' }, `${reasons} a list ["superseded"]`],
			[{ revocationReason: '={{ 3 }}' }, `${reasons} 3`],
			[
				{ revocationReason: 'superseded', comment: '={{ { a: 1 } }}' },
				'Comment must be text, but it is an object {"a":1}',
			],
		];
		for (const [parameters, message] of cases) {
			const result = await runOperation(server, 'order', 'revoke', {
				orderId: ORDER,
				...parameters,
			});
			expect({ message: result.error?.message }).toEqual({ message });
		}
		expect(server.requests).toHaveLength(0);
		expect(order().status).toBe('issued');
	});

	it('an order that is not issued: DigiCert refuses and the message says why', async () => {
		const pending = server.data.addOrder({ status: 'pending' });
		const result = await runOperation(server, 'order', 'revoke', {
			orderId: pending.id,
			revocationReason: 'superseded',
			skipApproval: true,
		});
		expect(result.error?.message).toBe(
			`Order ${pending.id} cannot be revoked: its status is pending.`,
		);
	});
});
