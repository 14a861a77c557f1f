/**
 * What the end-to-end suite runs in each real n8n: one row per case, one workflow per row.
 * To cover a new operation, add rows here (and, for a new example, a row in `exampleCases`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ExecuteResult } from './support/n8n';
import { REPO_ROOT } from './support/n8n';
import type { DigiCertCase } from './support/workflows';
import { DIGICERT, WRONG_API_KEY } from './support/workflows';
import type { FakeCertCentral } from '../helpers/fake';
import { fakeData } from '../helpers/fake';
import { lifecycleCases, lifecycleExampleCases } from './lifecycleCases';
import { operationCases, operationExampleCases } from './operationCases';
import {
	validationAuditCases,
	validationAuditChangingCases,
	validationAuditExampleCases,
} from './validationAuditCases';

const { SEED_ORDER_ID, ORDER_WITHOUT_DUPLICATES, APPROVED_REQUEST_ID, PENDING_REQUEST_ID } =
	fakeData;
const UNKNOWN_ID = 987654321;
/** The fake's own list of an order's duplicates (what DigiCert holds), archived ones included. */
const duplicatesOf = (fake: FakeCertCentral, orderId: number): Array<Record<string, unknown>> =>
	fake.data.duplicates.get(orderId) ?? [];
const activeDuplicatesOf = (fake: FakeCertCentral, orderId: number) =>
	duplicatesOf(fake, orderId).filter((c) => c.archived !== '1');

const pairedIndexes = (run: ExecuteResult) =>
	run.rawItems(DIGICERT).map((item) => item.pairedItem?.item ?? item.pairedItem);
const paths = (fake: FakeCertCentral) => fake.requests.map((r) => `${r.method} ${r.path}`).sort();

export const digiCertCases: DigiCertCase[] = [
	{
		name: 'Get Request: several input items, each its request, paired and in order',
		input: [{ id: APPROVED_REQUEST_ID }, { id: PENDING_REQUEST_ID }, { id: APPROVED_REQUEST_ID }],
		parameters: { resource: 'request', operation: 'get', requestId: '={{ $json.id }}' },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			const approved = fake.data.requests.get(APPROVED_REQUEST_ID);
			expect(run.items(DIGICERT)).toEqual([
				approved,
				expect.objectContaining({ id: PENDING_REQUEST_ID, status: 'pending' }),
				approved,
			]);
			expect(pairedIndexes(run)).toEqual([0, 1, 2]);
			expect(paths(fake)).toEqual([
				`GET /services/v2/request/${APPROVED_REQUEST_ID}`,
				`GET /services/v2/request/${APPROVED_REQUEST_ID}`,
				`GET /services/v2/request/${PENDING_REQUEST_ID}`,
			]);
			for (const request of fake.requests) expect(request.headers['x-dc-devkey']).toBe(fake.apiKey);
		},
	},
	{
		name: 'List Order Duplicates: one item per certificate; an order without duplicates gives none',
		input: [{ orderId: SEED_ORDER_ID }, { orderId: ORDER_WITHOUT_DUPLICATES }],
		parameters: {
			resource: 'order',
			operation: 'listDuplicates',
			orderId: '={{ $json.orderId }}',
			options: {},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			const activeDuplicates = activeDuplicatesOf(fake, SEED_ORDER_ID);
			expect(activeDuplicates.length).toBeGreaterThan(1);
			expect(run.items(DIGICERT)).toEqual(activeDuplicates);
			expect(pairedIndexes(run)).toEqual(activeDuplicates.map(() => 0));
			expect(paths(fake)).toEqual([
				`GET /services/v2/order/certificate/${SEED_ORDER_ID}/duplicate`,
				`GET /services/v2/order/certificate/${ORDER_WITHOUT_DUPLICATES}/duplicate`,
			]);
			expect(fake.requests.every((r) => r.query.show_archived === undefined)).toBe(true);
		},
	},
	{
		name: 'List Order Duplicates with Show Archived: sends show_archived=true, lists archived ones too',
		parameters: {
			resource: 'order',
			operation: 'listDuplicates',
			orderId: String(SEED_ORDER_ID),
			options: { show_archived: true },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(run.items(DIGICERT)).toEqual(duplicatesOf(fake, SEED_ORDER_ID));
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0].query).toEqual({ show_archived: 'true' });
		},
	},
	{
		name: "a wrong API key: the run fails with DigiCert's answer explained, and the key is in no output",
		credential: 'wrongKey',
		parameters: { resource: 'request', operation: 'get', requestId: String(APPROVED_REQUEST_ID) },
		check: (run, fake) => {
			expect(run.ok).toBe(false);
			expect(run.nodeError(DIGICERT)?.message).toBe('DigiCert rejected the API key');
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0].headers['x-dc-devkey']).toBe(WRONG_API_KEY);
		},
	},
	{
		name: 'an unknown ID: the run fails naming what was not found',
		parameters: { resource: 'request', operation: 'get', requestId: String(UNKNOWN_ID) },
		check: (run) => {
			expect(run.ok).toBe(false);
			expect(run.nodeError(DIGICERT)?.message).toBe(
				`Request ${UNKNOWN_ID} was not found in DigiCert`,
			);
		},
	},
	{
		name: 'an invalid ID: fails before any request is sent',
		parameters: { resource: 'request', operation: 'get', requestId: '12ab' },
		check: (run, fake) => {
			expect(run.ok).toBe(false);
			expect(run.nodeError(DIGICERT)?.message).toMatch(/Request ID/);
			expect(fake.requests).toHaveLength(0);
		},
	},
	{
		name: 'continue on fail: the failing item becomes an error item in place, the others succeed',
		input: [{ id: APPROVED_REQUEST_ID }, { id: UNKNOWN_ID }, { id: PENDING_REQUEST_ID }],
		parameters: { resource: 'request', operation: 'get', requestId: '={{ $json.id }}' },
		onError: 'continueRegularOutput',
		check: (run) => {
			expect(run.ok).toBe(true);
			const items = run.items(DIGICERT);
			expect(items).toHaveLength(3);
			expect(items[0]).toMatchObject({ id: APPROVED_REQUEST_ID, status: 'approved' });
			expect(items[1]).toMatchObject({ error: `Request ${UNKNOWN_ID} was not found in DigiCert` });
			expect(items[2]).toMatchObject({ id: PENDING_REQUEST_ID, status: 'pending' });
			expect(pairedIndexes(run)).toEqual([0, 1, 2]);
		},
	},
	...operationCases,
	...validationAuditCases,
	{
		name: 'typeVersion 1.1: Order Duplicates of orders given By URL (an expression), per item',
		typeVersion: 1.1,
		input: [{ orderId: SEED_ORDER_ID }, { orderId: ORDER_WITHOUT_DUPLICATES }],
		parameters: {
			resource: 'order',
			operation: 'listDuplicates',
			orderId: {
				__rl: true,
				mode: 'url',
				value: '={{ "https://www.digicert.com/secure/orders/#" + $json.orderId }}',
			},
			options: {},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(run.items(DIGICERT)).toEqual(activeDuplicatesOf(fake, SEED_ORDER_ID));
			expect(paths(fake)).toEqual([
				`GET /services/v2/order/certificate/${SEED_ORDER_ID}/duplicate`,
				`GET /services/v2/order/certificate/${ORDER_WITHOUT_DUPLICATES}/duplicate`,
			]);
		},
	},
	{
		name: 'typeVersion 1.1: Get Request picked From List (the ID n8n stores for the pick)',
		typeVersion: 1.1,
		parameters: {
			resource: 'request',
			operation: 'get',
			requestId: {
				__rl: true,
				mode: 'list',
				value: String(PENDING_REQUEST_ID),
				cachedResultName: 'example.com — request 199',
			},
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(paths(fake)).toEqual([`GET /services/v2/request/${PENDING_REQUEST_ID}`]);
		},
	},
	{
		name: 'typeVersion 1.1: a URL that is not a CertCentral page fails, saying what one looks like; nothing is sent',
		typeVersion: 1.1,
		input: [{ url: 'https://example.com/orders/1' }],
		parameters: {
			resource: 'order',
			operation: 'get',
			orderId: { __rl: true, mode: 'url', value: '={{ $json.url }}' },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(false);
			expect(run.nodeError(DIGICERT)?.message).toMatch(
				/^Not a CertCentral order URL: use the address of the order's page, e\.g\. https:\/\/www\.digicert\.com\/secure\/orders\/#12345678 \(US\)/,
			);
			expect(fake.requests).toHaveLength(0);
		},
	},
	{
		name: "typeVersion 1 saved with only its Order ID still lists the order's duplicates (its default operation)",
		parameters: { orderId: String(SEED_ORDER_ID) },
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(paths(fake)).toEqual([
				`GET /services/v2/order/certificate/${SEED_ORDER_ID}/duplicate`,
			]);
		},
	},
	...['Europe/Berlin', 'America/Los_Angeles'].map((zone): DigiCertCase => ({
		name: `Get Many Orders in TZ=${zone}: the expiry days picked in the date picker are the days sent`,
		env: { TZ: zone, GENERIC_TIMEZONE: zone },
		// The editor's date picker stores a local time without a zone.
		parameters: {
			resource: 'order',
			operation: 'getMany',
			limit: 5,
			filters: { validTillFrom: '2026-01-31T00:00:00', validTillTo: '2026-02-28T23:59:59' },
		},
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			expect(fake.requests).toHaveLength(1);
			expect(fake.requests[0].query['filters[valid_till]']).toBe('2026-01-31...2026-02-28');
		},
	})),
	// They change the fake's data: after every case that reads it.
	...lifecycleCases,
	...validationAuditChangingCases,
];

export interface ExampleCase {
	/** The file under examples/, imported unchanged. */
	file: string;
	/** Its workflow `id`. */
	id: string;
	/** What this run of the example tries, when the same example runs more than once. */
	variant?: string;
	/** Sets the fake up just before the run. */
	prepare?: (fake: FakeCertCentral) => void;
	check: (run: ExecuteResult, fake: FakeCertCentral) => void;
}

export const exampleCases: ExampleCase[] = [
	{
		file: 'duplicate-certificate-audit.json',
		id: 'digicertDupAudit',
		check: (run, fake) => {
			expect(run.ok).toBe(true);
			const orders: any[] = fake.data.orderSummaries();
			const duplicated = orders.filter((o) => o.has_duplicates === true);
			// One request per 1,000 orders, plus one per order with duplicates: no other.
			expect(fake.requests).toHaveLength(Math.ceil(orders.length / 1000) + duplicated.length);
			const withActive = duplicated.filter((o) => activeDuplicatesOf(fake, o.id).length > 0);
			// By order ID: the typeVersion 1.1 copy lists orders soonest expiry first (its default sort).
			const byOrderId = (a: { orderId: number }, b: { orderId: number }) => a.orderId - b.orderId;
			expect([...(run.items('Summary') as Array<{ orderId: number }>)].sort(byOrderId)).toEqual(
				withActive
					.map((o) => ({
						orderId: o.id as number,
						duplicates: activeDuplicatesOf(fake, o.id).length,
					}))
					.sort(byOrderId)
					.map((expected) => expect.objectContaining(expected)),
			);
			const seed = run.items('Summary').find((s) => s.orderId === SEED_ORDER_ID);
			const activeDuplicates = activeDuplicatesOf(fake, SEED_ORDER_ID);
			const expired = activeDuplicates.filter(
				(c) => typeof c.valid_till === 'string' && Date.parse(c.valid_till as string) < Date.now(),
			);
			expect(seed).toMatchObject({
				duplicates: activeDuplicates.length,
				expired: expired.map((c) => expect.objectContaining({ id: c.id })),
			});
		},
	},
	{
		// Runs up to the Slack node, whose credential is left for the user: that is where it stops.
		file: 'pending-requests-to-slack.json',
		id: 'digicertPendingSl',
		check: (run, fake) => {
			expect(run.items('Get Request')).toEqual([
				expect.objectContaining({ id: PENDING_REQUEST_ID, status: 'pending' }),
			]);
			expect(run.items('Is Pending?')).toHaveLength(1);
			expect(run.nodeError('Notify Slack')?.message).toMatch(/credentials/i);
			expect(fake.requests.map((r) => r.path)).toEqual([
				`/services/v2/request/${PENDING_REQUEST_ID}`,
			]);
		},
	},
	...operationExampleCases,
	...lifecycleExampleCases,
	...validationAuditExampleCases,
];

/**
 * examples/ holds the examples at the current typeVersion; examples/v1/ and examples/v1.1/ keep them
 * as saved at typeVersion 1 and 1.1. Each older copy runs with its current example's checks, so
 * workflows saved before keep working.
 */
const olderCopies = (folder: string, idPrefix: string) =>
	exampleCases
		.filter((example) => fs.existsSync(path.join(REPO_ROOT, 'examples', folder, example.file)))
		.map((example) => ({
			...example,
			file: `${folder}/${example.file}`,
			id: example.id.replace(/^(digicert|dc)/, idPrefix),
		}));
exampleCases.push(...olderCopies('v1.1', 'v11'), ...olderCopies('v1', 'v10'));
