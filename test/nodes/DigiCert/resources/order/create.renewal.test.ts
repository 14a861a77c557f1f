import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { NEW_CSR } from '../../../../fixtures/csr';

// Create's Renewal of Order, and the renewal fields Get shows (Simplify included).
const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;
const renew = (renewalOfOrderId: unknown, product = 'ssl_basic') =>
	runOperation(server, 'order', 'create', {
		product,
		csr: NEW_CSR,
		organizationId: '112233',
		options: { renewalOfOrderId },
	} as never);

describe('Order > Create: Renewal of Order', () => {
	it('sends renewal_of_order_id (from the locator: ID or CertCentral URL); the old order is then renewed', async () => {
		const old = server.data.orders.get(ORDER);
		const product = old.product.name_id;
		let result = await renew({ __rl: true, mode: 'id', value: String(ORDER) }, product);
		expect(result.error).toBeUndefined();
		expect(server.requests[0].body).toMatchObject({ renewal_of_order_id: ORDER });
		result = await renew(
			{ __rl: true, mode: 'url', value: `https://www.digicert.com/secure/orders/#${ORDER}` },
			product,
		);
		expect(server.requests[1].body).toMatchObject({ renewal_of_order_id: ORDER });
		expect(old.is_renewed).toBe(true);

		// Get (Simplify, on by default for new nodes) shows it, with the plan's end and auto-reissue.
		const get = await runOperation(
			server,
			'order',
			'get',
			{ orderId: { __rl: true, mode: 'id', value: String(ORDER) } },
			[{}],
			{ typeVersion: 1.2 },
		);
		expect(get.items()[0].json).not.toHaveProperty('certificate'); // simplified
		expect(get.items()[0].json).toMatchObject({
			id: ORDER,
			is_renewed: true,
			auto_reissue: 0,
			order_valid_till: old.order_valid_till,
		});
	});

	it("without it sends none; DigiCert's refusal of another product's order is explained", async () => {
		await renew({ __rl: true, mode: 'list', value: '' });
		expect(server.requests[0].body).not.toHaveProperty('renewal_of_order_id');
		const result = await renew(ORDER, 'ssl_ev_basic');
		expect(result.error?.message).toMatch(
			new RegExp(`^Order ${ORDER} is a \\w+ order: a renewal must be of the same product\\.$`),
		);
	});

	it('refuses a renewal order that is not an ID, before sending', async () => {
		const result = await renew('12/../../user/me');
		expect(result.error?.message).toContain('Renewal of Order must be a positive whole number');
		expect(server.requests).toHaveLength(0);
	});
});
