import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;
const set = (autoReissue: unknown, orderId: unknown = ORDER) =>
	runOperation(server, 'order', 'setAutoReissue', { orderId, autoReissue } as never);

describe('Order > Set Auto-Reissue', () => {
	it('sends PUT auto-reissue {auto_reissue: 1 or 0} and says what was done; Get shows it', async () => {
		server.data.orders.get(ORDER).validity_years = 3;
		let result = await set(true);
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PUT', `/services/v2/order/certificate/${ORDER}/auto-reissue`, { auto_reissue: 1 }],
		]);
		expect(result.items()[0].json).toEqual({ orderId: ORDER, auto_reissue: 1 });
		expect(server.data.orders.get(ORDER).auto_reissue).toBe(1);
		result = await set(false);
		expect(server.requests[1].body).toEqual({ auto_reissue: 0 });
		expect(server.data.orders.get(ORDER).auto_reissue).toBe(0);
	});

	it("DigiCert's refusal for a one-year order is explained; the change is never sent twice", async () => {
		let result = await set(true);
		expect(result.error?.message).toBe(
			`Order ${ORDER} is not a Multi-year Plan: auto-reissue is not supported.`,
		);
		server.reset();
		server.fail({ times: 1, respond: { status: 502, body: 'Bad Gateway' } });
		result = await set(true);
		expect(result.error).toBeDefined();
		expect(server.requests).toHaveLength(1);
	});

	it('refuses a value that is not on or off, before sending', async () => {
		const result = await set('={{ "maybe" }}');
		expect(result.error?.message).toMatch(/^Auto-Reissue must be/);
		expect(server.requests).toHaveLength(0);
	});
});
