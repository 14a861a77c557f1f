/**
 * End-to-end cases for the operations of issue 4 (request getMany/approve/reject, order
 * get/getMany/getExpiring/listReissues, certificate download), in the shape of the e2e suite's
 * `DigiCertCase` rows; ./cases.ts adds them to `digiCertCases` and `exampleCases`.
 * They run in a real n8n against the shared fake; the approve/reject cases use generated pending
 * requests, so the seed requests (198 approved, 199 pending) stay as other cases expect them.
 */
import type { FakeCertCentral } from '../helpers/fake';
import { fakeData } from '../helpers/fake';

/** What a case reads of a run (a subset of the e2e runner's ExecuteResult). */
interface Run {
	ok: boolean;
	items(nodeName: string, output?: number): Array<Record<string, any>>;
	rawItems(
		nodeName: string,
		output?: number,
	): Array<{ json: Record<string, any>; pairedItem?: any }>;
	nodeError(nodeName: string): any;
}

export interface OperationCase {
	name: string;
	parameters: Record<string, unknown>;
	input?: Array<Record<string, unknown>>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	check: (run: Run, fake: FakeCertCentral) => void;
}

const DIGICERT = 'DigiCert';
const { FIRST_REQUEST_ID, SEED_ORDER_ID, APPROVED_REQUEST_ID, TOTAL_REQUESTS } = fakeData;

// The generated data is the same on every build: read what the cases need from a copy.
const sample = fakeData.buildData();
const generatedPending = [...sample.requests.values()]
	.filter((r) => r.status === 'pending' && r.id >= FIRST_REQUEST_ID)
	.map((r) => r.id as number);
const [approveId, rejectId] = generatedPending.slice(-2);
const issuedCount = sample.orderSummaries().filter((o) => o.status === 'issued').length;
const reissuedOrder = [...sample.reissues.keys()][0];
const seedThumbprint = sample.orders.get(SEED_ORDER_ID).certificate.thumbprint as string;
const issuedReissue = [...sample.reissues.values()].flat().find((c) => c.status === 'issued');
const pages = (fake: FakeCertCentral) => fake.requests.map((r) => [r.query.offset, r.query.limit]);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const operationCases: OperationCase[] = [
	{
		name: 'Get Many Requests, Return All: 3 pages of 1000, all 2,500 requests once',
		parameters: { resource: 'request', operation: 'getMany', returnAll: true, filters: {} },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(pages(fake)).toEqual([
				['0', '1000'],
				['1000', '1000'],
				['2000', '1000'],
			]);
			const ids = run.items(DIGICERT).map((i) => i.id);
			expect(ids).toHaveLength(TOTAL_REQUESTS);
			expect(new Set(ids).size).toBe(TOTAL_REQUESTS);
		},
	},
	{
		name: 'Get Many Requests, pending new requests: filters sent as DigiCert query keys',
		parameters: {
			resource: 'request',
			operation: 'getMany',
			limit: 20,
			filters: { status: 'pending', type: 'new_request' },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests[0].query).toEqual({
				'filters[status]': 'pending',
				'filters[type]': 'new_request',
				offset: '0',
				limit: '20',
			});
			const items = run.items(DIGICERT);
			expect(items).toHaveLength(20);
			expect(items.every((i) => i.status === 'pending' && i.type === 'new_request')).toBe(true);
		},
	},
	{
		name: 'Approve Request: PUT {status: approved, processor_comment}, 204, one item per input',
		input: [{ id: approveId }],
		parameters: {
			resource: 'request',
			operation: 'approve',
			requestId: '={{ $json.id }}',
			comment: 'approved in e2e',
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0]).toMatchObject({
				method: 'PUT',
				path: `/services/v2/request/${approveId}/status`,
				body: { status: 'approved', processor_comment: 'approved in e2e' },
			});
			expect(run.rawItems(DIGICERT)).toEqual([
				{ json: { requestId: approveId, status: 'approved' }, pairedItem: { item: 0 } },
			]);
		},
	},
	{
		name: "Reject Request: a request that is not pending fails with DigiCert's message; a pending one is rejected",
		input: [{ id: APPROVED_REQUEST_ID }, { id: rejectId }],
		parameters: {
			resource: 'request',
			operation: 'reject',
			requestId: '={{ $json.id }}',
			comment: 'wrong domain',
		},
		onError: 'continueRegularOutput',
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			const items = run.items(DIGICERT);
			expect(items[0].error).toMatch(/only pending requests can be approved or rejected/);
			expect(items[1]).toEqual({ requestId: rejectId, status: 'rejected' });
			expect(fake.requests.map((r) => r.body)).toEqual([
				{ status: 'rejected', processor_comment: 'wrong domain' },
				{ status: 'rejected', processor_comment: 'wrong domain' },
			]);
		},
	},
	{
		name: 'Get Order: the seed order with its certificate',
		parameters: { resource: 'order', operation: 'get', orderId: String(SEED_ORDER_ID) },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests[0].path).toBe(`/services/v2/order/certificate/${SEED_ORDER_ID}`);
			expect(run.items(DIGICERT)).toEqual([
				expect.objectContaining({
					id: SEED_ORDER_ID,
					certificate: expect.objectContaining({ common_name: 'example.com' }),
				}),
			]);
		},
	},
	{
		name: "Get Order by its certificate's thumbprint (lowercase, with colons): sent as 40 uppercase hex digits",
		parameters: {
			resource: 'order',
			operation: 'get',
			orderId: seedThumbprint.toLowerCase().match(/../g)!.join(':'),
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests.map((r) => r.path)).toEqual([
				`/services/v2/order/certificate/${seedThumbprint.toUpperCase()}`,
			]);
			expect(run.items(DIGICERT)).toEqual([expect.objectContaining({ id: SEED_ORDER_ID })]);
		},
	},
	{
		name: 'Get Many Orders, Limit 1500: pages of 1000 and 500',
		parameters: { resource: 'order', operation: 'getMany', limit: 1500, filters: {}, options: {} },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(pages(fake)).toEqual([
				['0', '1000'],
				['1000', '500'],
			]);
			expect(new Set(run.items(DIGICERT).map((i) => i.id)).size).toBe(1500);
		},
	},
	{
		name: 'Get Many Orders, Return All issued: every issued order once',
		parameters: {
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			filters: { status: 'issued' },
			options: {},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests).toHaveLength(Math.ceil(issuedCount / 1000));
			expect(fake.requests.every((r) => r.query['filters[status]'] === 'issued')).toBe(true);
			const items = run.items(DIGICERT);
			expect(items).toHaveLength(issuedCount);
			expect(items.every((i) => i.status === 'issued')).toBe(true);
		},
	},
	{
		name: 'Get Expiring Orders, 30 days: issued orders in today...today+30, soonest first, with days_remaining',
		parameters: { resource: 'order', operation: 'getExpiring', days: 30 },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			const now = Date.now();
			// Only "from today" is sent (DigiCert may filter the order's end, not the certificate's);
			// the 30 days are applied to each certificate. Issued orders, then reissue_pending ones.
			const statuses = fake.requests.map((r) => r.query['filters[status]']);
			expect(statuses[0]).toBe('issued');
			expect(statuses.at(-1)).toBe('reissue_pending');
			for (const request of fake.requests)
				expect(request.query['filters[valid_till]']).toBe(`${isoDay(now)}...9999-12-31`);
			const remaining = run.items(DIGICERT).map((i) => i.days_remaining as number);
			expect(remaining.length).toBeGreaterThan(100);
			expect(remaining).toEqual([...remaining].sort((a, b) => a - b));
			expect(remaining.every((d) => d >= 0 && d <= 30)).toBe(true);
		},
	},
	{
		name: 'List Order Reissues: one item per reissued certificate',
		parameters: {
			resource: 'order',
			operation: 'listReissues',
			orderId: String(reissuedOrder),
			options: {},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests[0].path).toBe(`/services/v2/order/certificate/${reissuedOrder}/reissue`);
			expect(run.items(DIGICERT)).toEqual(sample.reissues.get(reissuedOrder));
		},
	},
	{
		name: 'Download Certificate, pem_all: a binary file named after the common name',
		parameters: {
			resource: 'certificate',
			operation: 'download',
			orderId: String(SEED_ORDER_ID),
			format: 'pem_all',
			binaryPropertyName: 'data',
			options: {},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests[0].path).toBe(
				`/services/v2/certificate/download/order/${SEED_ORDER_ID}/format/pem_all`,
			);
			expect(run.items(DIGICERT)).toEqual([
				{
					orderId: SEED_ORDER_ID,
					format: 'pem_all',
					fileName: 'example_com.pem',
					mimeType: 'application/x-pem-file',
					fileSize: expect.any(Number),
				},
			]);
		},
	},
	{
		name: 'Download Certificate by certificate ID, cer: a reissued certificate as a PEM-encoded PKCS#7 bundle',
		parameters: {
			resource: 'certificate',
			operation: 'download',
			downloadBy: 'certificate',
			certificateId: String(issuedReissue.id),
			format: 'cer',
			binaryPropertyName: 'data',
			options: {},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests.map((r) => r.path)).toEqual([
				`/services/v2/certificate/${issuedReissue.id}/download/format/cer`,
			]);
			expect(run.items(DIGICERT)).toEqual([
				{
					certificateId: issuedReissue.id,
					format: 'cer',
					fileName: expect.stringMatching(/\.cer$/),
					mimeType: 'application/x-pkcs7-certificates',
					fileSize: expect.any(Number),
				},
			]);
		},
	},
];

/** The examples of issue 4, imported unchanged (the e2e suite's `ExampleCase` rows: add them to `exampleCases`). */
export interface OperationExampleCase {
	file: string;
	id: string;
	check: (run: Run, fake: FakeCertCentral) => void;
}

/** The Slack example's sample command approves this generated pending request. */
const SLACK_SAMPLE_REQUEST_ID = 1003;

export const operationExampleCases: OperationExampleCase[] = [
	{
		file: 'approve-request-from-slack.json',
		id: 'digicertSlackApprove',
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(run.items('Approve request')).toEqual([
				{ requestId: SLACK_SAMPLE_REQUEST_ID, status: 'approved' },
			]);
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0]).toMatchObject({
				method: 'PUT',
				path: `/services/v2/request/${SLACK_SAMPLE_REQUEST_ID}/status`,
				body: {
					status: 'approved',
					processor_comment: 'change CHG-42 approved (via Slack, by alice)',
				},
			});
		},
	},
	{
		// Runs up to the email node, whose SMTP credential is left for the user: that is where it stops.
		file: 'weekly-expiry-audit-email.json',
		id: 'digicertExpiryAudit',
		check: (run, fake) => {
			const expiring = run.items('Certificates expiring within 30 days');
			expect(expiring.length).toBeGreaterThan(100);
			expect(run.items('HTML table')).toEqual([{ table: expect.stringContaining('<table') }]);
			expect(run.nodeError('Email the team')?.message).toMatch(/credentials/i);
			// The order lists only: issued (every page), then reissue_pending.
			expect(fake.requests.every((r) => r.path === '/services/v2/order/certificate')).toBe(true);
			expect(fake.requests.at(-1)?.query['filters[status]']).toBe('reissue_pending');
		},
	},
	{
		// Runs up to Write to disk: its folder (/home/node/.n8n-files) is n8n's Docker default, absent here.
		file: 'download-issued-certificates.json',
		id: 'digicertDownloadCerts',
		check: (run, fake) => {
			const orders = run.items('Issued orders of the last 30 days');
			expect(orders.length).toBeGreaterThan(0);
			expect(run.items('Download certificate').map((i) => i.orderId)).toEqual(
				run.items('Only orders not downloaded yet').map((o) => o.id),
			);
			expect(fake.requests.filter((r) => r.path.includes('/certificate/download/'))).toHaveLength(
				run.items('Download certificate').length,
			);
		},
	},
];
