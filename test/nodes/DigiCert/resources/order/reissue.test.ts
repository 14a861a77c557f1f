import { reissue as reissueOperation } from '../../../../../nodes/DigiCert/resources/order/reissue';
import { fakeData, postToFake } from '../../../../helpers/fake';
import {
	inDays,
	runWithValidity,
	sentAfterReadingTheOrder,
} from '../../../../helpers/reissueOrDuplicateCases';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { API_RSA_CSR, NO_COMMON_NAME_CSR, oneLineCsr } from '../../../../fixtures/csr';

// A fresh fake each test: reissues change its data.
const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;
const reissue = async (parameters: Record<string, unknown>) =>
	await runOperation(server, 'order', 'reissue', { orderId: ORDER, ...parameters } as never);

describe('Reissue sends the common name DigiCert requires', () => {
	it("takes the CSR's common name without asking DigiCert anything else", async () => {
		await reissue({ csr: API_RSA_CSR });
		expect(server.requests.map((r) => r.method)).toEqual(['POST']);
		expect(server.requests[0].body).toEqual({
			certificate: { csr: oneLineCsr(API_RSA_CSR), common_name: 'api.example.com' },
		});
	});

	it("takes the order's common name when the CSR has none", async () => {
		const result = await reissue({ csr: NO_COMMON_NAME_CSR });
		expect(sentAfterReadingTheOrder(server, 'reissue', result)).toEqual({
			certificate: { csr: oneLineCsr(NO_COMMON_NAME_CSR), common_name: 'example.com' },
		});
	});

	it('refuses before sending the reissue when no common name can be found', async () => {
		server.data.orders.get(ORDER).certificate.common_name = undefined;
		const result = await reissue({ csr: NO_COMMON_NAME_CSR });
		expect(result.error?.message).toBe(
			`No common name for the reissue of order ${ORDER}: the CSR has none and DigiCert gave none for the order. Set Options › Common Name; nothing was reissued.`,
		);
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('the fake refuses what DigiCert refuses: a reissue without common_name', async () => {
		const response = await postToFake(server, `/order/certificate/${ORDER}/reissue`, {
			certificate: { csr: oneLineCsr(API_RSA_CSR) },
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			errors: [
				{ code: 'missing_param', message: 'Missing required parameter: certificate.common_name' },
			],
		});
	});
});

describe("Reissue's description", () => {
	it("says changing or removing host names revokes the order's earlier certificates, also at the SANs field", () => {
		expect(reissueOperation.description).toContain(
			"changing or removing SANs revokes the order's earlier certificates",
		);
		const options = reissueOperation.properties.find((p) => p.name === 'options')!
			.options as Array<{ name: string; description?: string }>;
		expect(options.find((o) => o.name === 'dnsNames')?.description).toContain(
			"Changing or removing a host name revokes the order's earlier certificates",
		);
	});
});

describe('Reissue: Certificate Validity', () => {
	const withValidity = runWithValidity(server, 'reissue');

	it("sends certificate.cert_validity {valid_till} once the order's end allows it", async () => {
		server.data.orders.get(ORDER).order_valid_till = inDays(700);
		const end = inDays(150);
		const result = await withValidity({ unit: 'validTill', validTill: end });
		expect(sentAfterReadingTheOrder(server, 'reissue', result)).toEqual({
			certificate: {
				csr: oneLineCsr(API_RSA_CSR),
				common_name: 'api.example.com',
				cert_validity: { valid_till: end },
			},
		});
	});

	it("refuses an end date after the order's end, before sending the reissue", async () => {
		const orderEnd = inDays(40);
		server.data.orders.get(ORDER).order_valid_till = orderEnd;
		const result = await withValidity({ unit: 'validTill', validTill: inDays(60) });
		expect(result.error?.message).toBe(
			`Certificate Validity ends ${inDays(60)}, after the order's end ${orderEnd}: a certificate cannot outlive its order. Set a shorter Certificate Validity for the reissue of order ${ORDER}, or none (DigiCert then ends it with the order).`,
		);
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('refuses more days than DigiCert issues today before any request', async () => {
		const result = await withValidity({ unit: 'days', days: 400 });
		expect(result.error?.message).toMatch(
			/^Certificate Validity › Days is 400, but DigiCert issues public TLS certificates of at most \d+ days on \d{4}-\d{2}-\d{2}: set \d+ days or fewer$/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it('the fake refuses what DigiCert refuses: an end date in the past', async () => {
		const response = await postToFake(server, `/order/certificate/${ORDER}/reissue`, {
			certificate: {
				csr: oneLineCsr(API_RSA_CSR),
				common_name: 'api.example.com',
				cert_validity: { valid_till: inDays(-2) },
			},
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			errors: [
				{
					code: 'invalid_value:cert_validity.valid_till',
					message: 'cert_validity.valid_till contains an invalid value.',
				},
			],
		});
	});
});
