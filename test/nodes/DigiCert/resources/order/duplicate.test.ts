import { duplicate as duplicateOperation } from '../../../../../nodes/DigiCert/resources/order/duplicate';
import { fakeData, postToFake } from '../../../../helpers/fake';
import {
	inDays,
	runWithValidity,
	sentAfterReadingTheOrder,
} from '../../../../helpers/reissueOrDuplicateCases';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { API_RSA_CSR, NO_COMMON_NAME_CSR, WWW_CSR, oneLineCsr } from '../../../../fixtures/csr';

// A fresh fake each test: duplicates change its data.
const server = useFakeCertCentral({ fresh: true });
const ORDER = fakeData.SEED_ORDER_ID;
const duplicate = async (parameters: Record<string, unknown>) =>
	await runOperation(server, 'order', 'duplicate', { orderId: ORDER, ...parameters } as never);

describe('Duplicate sends the fields DigiCert requires', () => {
	it("sends the order's current signature hash when none is chosen (DigiCert refuses a duplicate without one)", async () => {
		server.data.orders.get(ORDER).certificate.signature_hash = 'sha384';
		const result = await duplicate({ csr: API_RSA_CSR });

		expect(sentAfterReadingTheOrder(server, 'duplicate', result)).toEqual({
			certificate: {
				csr: oneLineCsr(API_RSA_CSR),
				common_name: 'api.example.com',
				signature_hash: 'sha384',
			},
		});
		expect(result.items()[0].json).toMatchObject({ orderId: ORDER, status: 'pending' });
	});

	it("takes the order's common name when the CSR has none", async () => {
		const result = await duplicate({ csr: NO_COMMON_NAME_CSR });
		expect(result.error).toBeUndefined();
		expect(server.requests[1].body).toMatchObject({
			certificate: { common_name: 'example.com', signature_hash: 'sha256' },
		});
	});

	it('asks DigiCert nothing more when the common name and the signature hash are given', async () => {
		await duplicate({
			csr: WWW_CSR,
			options: { commonName: 'example.com', signatureHash: 'sha512' },
		});
		expect(server.requests.map((r) => r.method)).toEqual(['POST']);
		expect(server.requests[0].body).toMatchObject({
			certificate: { common_name: 'example.com', signature_hash: 'sha512' },
		});
	});

	it('refuses before sending the duplicate when no common name or signature hash can be found', async () => {
		const order = server.data.orders.get(ORDER);
		order.certificate.signature_hash = undefined;
		const noHash = await duplicate({ csr: WWW_CSR });
		expect(noHash.error?.message).toContain(
			`No signature hash for the duplicate of order ${ORDER}: DigiCert requires one`,
		);
		expect(noHash.error?.message).toContain('Set Options › Signature Hash; nothing was duplicated');

		order.certificate.common_name = '';
		const noName = await duplicate({
			csr: NO_COMMON_NAME_CSR,
			options: { signatureHash: 'sha256' },
		});
		expect(noName.error?.message).toContain(
			`No common name for the duplicate of order ${ORDER}: the CSR has none`,
		);
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('the fake refuses what DigiCert refuses: a duplicate without common_name or signature_hash', async () => {
		for (const [certificate, field] of [
			[{ csr: oneLineCsr(WWW_CSR), common_name: 'example.com' }, 'signature_hash'],
			[{ csr: oneLineCsr(WWW_CSR), signature_hash: 'sha256' }, 'common_name'],
		] as const) {
			const response = await postToFake(server, `/order/certificate/${ORDER}/duplicate`, {
				certificate,
			});
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				errors: [
					{
						code: 'missing_param',
						message: `Missing required parameter: certificate.${field}`,
					},
				],
			});
		}
	});
});

describe("Duplicate's description", () => {
	it('says a duplicate needs current domain validation, else to reissue first', () => {
		expect(duplicateOperation.description).toContain('needs current DCV, else reissue first');
	});
});

describe('Duplicate: Certificate Validity', () => {
	const withValidity = runWithValidity(server, 'duplicate');

	it('sends certificate.cert_validity after reading the order once (its end and its signature hash)', async () => {
		server.data.orders.get(ORDER).order_valid_till = inDays(300);
		const result = await withValidity({ unit: 'days', days: 30 });
		expect(sentAfterReadingTheOrder(server, 'duplicate', result)).toMatchObject({
			certificate: { cert_validity: { days: 30 }, signature_hash: 'sha256' },
		});
	});

	it('refuses a certificate that would outlive the order, before sending the duplicate', async () => {
		const end = inDays(20);
		server.data.orders.get(ORDER).order_valid_till = end;
		const result = await withValidity({ unit: 'days', days: 30 });
		expect(result.error?.message).toBe(
			`Certificate Validity ends ${inDays(30)}, after the order's end ${end}: a certificate cannot outlive its order. Set a shorter Certificate Validity for the duplicate of order ${ORDER}, or none (DigiCert then ends it with the order).`,
		);
		expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});

	it('the fake refuses what DigiCert refuses: a duplicate outliving its order', async () => {
		server.data.orders.get(ORDER).order_valid_till = inDays(20);
		const response = await postToFake(server, `/order/certificate/${ORDER}/duplicate`, {
			certificate: {
				csr: oneLineCsr(API_RSA_CSR),
				common_name: 'api.example.com',
				signature_hash: 'sha256',
				cert_validity: { days: 30 },
			},
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			errors: [
				{
					code: 'invalid_value:cert_validity',
					message: 'cert_validity contains an invalid value.',
				},
			],
		});
	});
});
