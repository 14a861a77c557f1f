/**
 * End-to-end cases for the certificate lifecycle (create, reissue, duplicate, revoke, cancel) and
 * its two examples, run in a real n8n against the shared fake. They change the fake's data, so each
 * works on an order of its own (picked from the generated data, which is the same on every build)
 * and ./cases.ts adds them after every other case.
 */
import type { ExecuteResult } from './support/n8n';
import { DIGICERT } from './support/workflows';
import type { DigiCertCase } from './support/workflows';
import type { FakeCertCentral } from '../helpers/fake';
import { NEW_CSR, WWW_CSR, oneLineCsr } from '../fixtures/csr';
import { submittedRevocation } from '../helpers/revocation';

/** Orders of the generated data for these cases: issued (or pending for Cancel), without reissues. */
const ORDERS = {
	reissue: 20000038,
	duplicate: 20000110,
	revokeOrder: 20000114,
	cancel: 20000005,
	/** The order of the duplicate certificate the Revoke Certificate case revokes. */
	duplicateOwner: 20000023,
	/** The examples': Reissue before expiry renews this expiring order; Revoke from a ticket revokes this one's certificate. */
	reissueExample: 20000021,
	revokeExample: 20000107,
};
const DUPLICATE_CERTIFICATE = 30700023;

const sentTo = (fake: FakeCertCentral) => fake.requests.map((r) => `${r.method} ${r.path}`);

export const lifecycleCases: DigiCertCase[] = [
	{
		name: "Reissue Certificate with Skip Approval: POST with the CSR on one line; the new certificate ID comes out and is the order's",
		parameters: {
			resource: 'order',
			operation: 'reissue',
			orderId: String(ORDERS.reissue),
			csr: WWW_CSR,
			options: { skipApproval: true, comments: 'e2e' },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(sentTo(fake)).toEqual([
				`POST /services/v2/order/certificate/${ORDERS.reissue}/reissue`,
			]);
			expect(fake.requests[0].body).toEqual({
				certificate: { csr: oneLineCsr(WWW_CSR), common_name: 'www.example.com' },
				comments: 'e2e',
				skip_approval: true,
			});
			const [item] = run.items(DIGICERT);
			expect(item).toEqual({
				orderId: ORDERS.reissue,
				requestId: expect.any(Number),
				requestIds: [item.requestId],
				status: 'approved',
				certificateId: expect.any(Number),
			});
			expect(fake.data.orders.get(ORDERS.reissue)).toMatchObject({
				status: 'issued',
				certificate: { id: item.certificateId },
			});
		},
	},
	{
		name: 'Duplicate Certificate: 201, a pending duplicate request on the order',
		parameters: {
			resource: 'order',
			operation: 'duplicate',
			orderId: String(ORDERS.duplicate),
			csr: NEW_CSR,
			options: {},
		},
		check: (run, fake) => {
			expect(run.nodeError(DIGICERT)?.message).toBeUndefined();
			expect(run.ok).toBe(true);
			// The order's signature hash first: DigiCert requires one on a duplicate.
			expect(sentTo(fake)).toEqual([
				`GET /services/v2/order/certificate/${ORDERS.duplicate}`,
				`POST /services/v2/order/certificate/${ORDERS.duplicate}/duplicate`,
			]);
			expect(fake.requests.at(-1)?.body).toMatchObject({
				certificate: { signature_hash: 'sha256' },
			});
			const [item] = run.items(DIGICERT);
			expect(item).toMatchObject({
				orderId: ORDERS.duplicate,
				status: 'pending',
				certificateId: null,
			});
			expect(fake.data.requests.get(item.requestId)).toMatchObject({
				type: 'duplicate',
				status: 'pending',
			});
		},
	},
	{
		name: 'Revoke Order without Skip Approval: 201, the revoke request waits for approval and the order is still issued',
		parameters: {
			resource: 'order',
			operation: 'revoke',
			orderId: String(ORDERS.revokeOrder),
			revocationReason: 'superseded',
			comment: 'CHG-9',
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests[0]).toMatchObject({
				method: 'PUT',
				path: `/services/v2/order/certificate/${ORDERS.revokeOrder}/revoke`,
				body: { revocation_reason: 'superseded', comments: 'CHG-9' },
			});
			expect(run.items(DIGICERT)).toEqual([
				expect.objectContaining({
					orderId: ORDERS.revokeOrder,
					revocationReason: 'superseded',
					status: 'pending',
					waitingForApproval: true,
					requestId: expect.any(Number),
				}),
			]);
			expect(fake.data.orders.get(ORDERS.revokeOrder).status).toBe('issued');
		},
	},
	{
		name: 'Revoke Certificate by ID with Skip Approval: 204, the duplicate is revoked, its order not',
		parameters: {
			resource: 'certificate',
			operation: 'revoke',
			identifyBy: 'certificateId',
			certificateId: String(DUPLICATE_CERTIFICATE),
			revocationReason: 'key_compromise',
			skipApproval: true,
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(sentTo(fake)).toEqual([
				`PUT /services/v2/certificate/${DUPLICATE_CERTIFICATE}/revoke`,
			]);
			expect(run.items(DIGICERT)).toEqual([
				submittedRevocation({ certificateId: DUPLICATE_CERTIFICATE }),
			]);
			expect(fake.data.duplicates.get(ORDERS.duplicateOwner)![0].status).toBe('revoked');
			expect(fake.data.orders.get(ORDERS.duplicateOwner).status).toBe('issued');
		},
	},
	{
		name: "Cancel Order: a pending order is canceled; an issued one is DigiCert's refusal, as an error item",
		input: [{ id: ORDERS.cancel }, { id: ORDERS.revokeOrder }],
		parameters: {
			resource: 'order',
			operation: 'cancel',
			orderId: '={{ $json.id }}',
			note: 'withdrawn in e2e',
		},
		onError: 'continueRegularOutput',
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			const items = run.items(DIGICERT);
			expect(items[0]).toEqual({
				orderId: ORDERS.cancel,
				canceled: 'order',
				status: 'canceled',
				note: 'withdrawn in e2e',
			});
			expect(items[1].error).toMatch(
				new RegExp(`Order ${ORDERS.revokeOrder} cannot be canceled: its status is issued`),
			);
			// Each order is read first (a reissue_pending order's cancel is its reissue's).
			expect(fake.requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
				{ status: 'canceled', note: 'withdrawn in e2e' },
				{ status: 'canceled', note: 'withdrawn in e2e' },
			]);
			expect(fake.data.orders.get(ORDERS.cancel).status).toBe('canceled');
		},
	},
	{
		name: 'Create Order (Basic OV, 1 year): 201, a pending order with a pending new request',
		parameters: {
			resource: 'order',
			operation: 'create',
			product: 'ssl_basic',
			csr: NEW_CSR,
			dnsNames: 'new.example.com, www.new.example.com',
			organizationId: '112233',
			validity: 'years',
			years: 1,
			options: {},
		},
		check: (run, fake) => {
			expect(run.nodeError(DIGICERT)?.message).toBeUndefined();
			expect(run.ok).toBe(true);
			expect(fake.requests[0]).toMatchObject({
				method: 'POST',
				path: '/services/v2/order/certificate/ssl_basic',
			});
			expect(fake.requests[0].body).toMatchObject({
				certificate: {
					common_name: 'new.example.com',
					dns_names: ['new.example.com', 'www.new.example.com'],
					csr: oneLineCsr(NEW_CSR),
				},
				order_validity: { years: 1 },
				organization: { id: 112233 },
			});
			const [item] = run.items(DIGICERT);
			expect(fake.data.orders.get(item.orderId)).toMatchObject({
				status: 'pending',
				product: { name_id: 'ssl_basic' },
			});
			expect(fake.data.requests.get(item.requestId)).toMatchObject({
				type: 'new_request',
				status: 'pending',
			});
		},
	},
	{
		name: "typeVersion 1.2: Create with a product picked From List (the account's) and Certificate Validity: the product's info, then the order",
		typeVersion: 1.2,
		parameters: {
			resource: 'order',
			operation: 'create',
			product: {
				__rl: true,
				mode: 'list',
				value: 'ssl_securesite_flex',
				cachedResultName: 'Secure Site OV — ssl_securesite_flex, plans of 1, 2 or 3 years',
			},
			csr: NEW_CSR,
			organizationId: '112233',
			validity: 'years',
			years: 2,
			options: { certificateValidity: { validity: { unit: 'days', days: 90 } } },
		},
		check: (run, fake) => {
			expect(run.nodeError(DIGICERT)?.message).toBeUndefined();
			expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
				'GET /services/v2/product/ssl_securesite_flex',
				'POST /services/v2/order/certificate/ssl_securesite_flex',
			]);
			expect(fake.requests[1].body).toMatchObject({
				certificate: { cert_validity: { days: 90 } },
				order_validity: { years: 2 },
				organization: { id: 112233 },
			});
			const [item] = run.items(DIGICERT);
			expect(fake.data.orders.get(item.orderId).product.name_id).toBe('ssl_securesite_flex');
		},
	},
	{
		name: 'Reissue Certificate with a CSR that is not one: refused before anything is sent, naming the field',
		parameters: {
			resource: 'order',
			operation: 'reissue',
			orderId: String(ORDERS.reissue),
			csr: WWW_CSR.replace('MIIB', 'MI!B'),
			options: {},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(false);
			expect(run.nodeError(DIGICERT)?.message).toBe(
				'CSR is not valid: the text between its BEGIN and END lines is not base64',
			);
			expect(fake.requests).toHaveLength(0);
		},
	},
];

/** The lifecycle examples, imported unchanged (rows of the e2e suite's `exampleCases`). */
export const lifecycleExampleCases: Array<{
	file: string;
	id: string;
	check: (run: ExecuteResult, fake: FakeCertCentral) => void;
}> = [
	{
		// The manual run takes the sample (an expiring order and its new CSR) and runs up to Save for the
		// server: its folder (/home/node/.n8n-files) is n8n's Docker default, absent here.
		file: 'reissue-before-expiry.json',
		id: 'digicertReissue',
		check: (run, fake) => {
			const [reissued] = run.items('Reissue');
			expect(reissued).toMatchObject({
				orderId: ORDERS.reissueExample,
				status: 'approved',
				certificateId: expect.any(Number),
			});
			// typeVersion 1 gives DigiCert's order; the 1.1 copy's Get Order simplifies it (on by default there).
			const orders = run.items('Get the order');
			expect(orders).toHaveLength(1);
			const [order] = orders;
			expect(order).toMatchObject({ id: ORDERS.reissueExample, status: 'issued' });
			expect(
				order.certificate ?? { id: order.certificate_id, common_name: order.common_name },
			).toMatchObject({
				id: reissued.certificateId,
				common_name: 'cdn20.example.com',
			});
			expect(run.items('Download the new certificate')).toEqual([
				expect.objectContaining({ certificateId: reissued.certificateId, format: 'pem_noroot' }),
			]);
			expect(sentTo(fake)).toEqual([
				`POST /services/v2/order/certificate/${ORDERS.reissueExample}/reissue`,
				`GET /services/v2/order/certificate/${ORDERS.reissueExample}`,
				`GET /services/v2/certificate/${reissued.certificateId}/download/format/pem_noroot`,
			]);
			expect(run.nodeError('Save for the server')).toBeDefined();
		},
	},
	{
		file: 'revoke-from-ticket.json',
		id: 'digicertRevokeTicket',
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			const serial = fake.data.orders.get(ORDERS.revokeExample).certificate.serial_number;
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0]).toMatchObject({
				method: 'PUT',
				path: `/services/v2/certificate/${serial}/revoke`,
				body: {
					revocation_reason: 'key_compromise',
					comments: 'Ticket INC-4711: Private key found in a public repository',
				},
			});
			const [revoked] = run.items('Revoke the certificate');
			expect(revoked).toMatchObject({
				serialNumber: serial,
				status: 'pending',
				waitingForApproval: true,
				requestId: expect.any(Number),
			});
			expect(run.items('Answer the ticket')).toEqual([
				expect.objectContaining({ serialNumber: serial }),
			]);
		},
	},
];
