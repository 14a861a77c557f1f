/**
 * docs/api-coverage.md must list every DigiCert call the package makes, and only those. This test
 * runs every declared operation of the DigiCert node, every event of the DigiCert Trigger
 * (activation poll, scheduled poll, manual test run) and the credential's Test connection through
 * n8n's engine against the fake CertCentral, and checks each call that reached the fake against the
 * table. An operation or event added later without a sample below fails here; so does a call
 * without a row, a row that names a caller that never makes it, and a row nothing calls.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { DigiCert } from '../../nodes/DigiCert/DigiCert.node';
import { resources } from '../../nodes/DigiCert/resources';
import { events } from '../../nodes/DigiCertTrigger/events';
import { testConnection } from '../helpers/credentialTest';
import { digiCertNode, loadOptionsContext } from '../helpers/engine';
import type { FakeCertCentral, RecordedRequest } from '../helpers/fake';
import { credentialFor, fakeData, fakeDomains, startFakeCertCentral } from '../helpers/fake';
import { ActiveTrigger, triggerNode } from '../helpers/poll';
import { WebhookTriggerHarness, webhookTriggerNode } from '../helpers/webhookTrigger';
import { WWW_CSR } from '../fixtures/csr';
import { runDigiCert } from '../helpers/runOperation';

const ROOT = join(__dirname, '..', '..');
const COVERAGE_FILE = join(ROOT, 'docs', 'api-coverage.md');

export interface CoverageRow {
	method: string;
	/** DigiCert's form of the path, e.g. `/order/certificate/{order_id}`. */
	template: string;
	/** The callers named in "Used by", e.g. `order.get`, `trigger.orderStatusChanged`, `credential`. */
	usedBy: string[];
	/** The test files named in "Tests". */
	tests: string[];
	/** The whole row, as written. */
	text: string;
	line: number;
}

const cellsOf = (line: string) => line.split(/(?<!\\)\|/).map((cell) => cell.trim());

/** The table's rows: those whose first cell starts with `` `METHOD /path` ``. */
export function readCoverageRows(markdown: string): CoverageRow[] {
	const rows: CoverageRow[] = [];
	markdown.split('\n').forEach((text, index) => {
		const cells = cellsOf(text);
		const call = /^`(GET|POST|PUT|DELETE|PATCH) (\/[^`\s?]*)/.exec(cells[1] ?? '');
		if (!call) return;
		const codes = (cell = '') => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
		rows.push({
			method: call[1],
			template: call[2],
			usedBy: codes(cells[4]),
			tests: codes(cells[5]),
			text,
			line: index + 1,
		});
	});
	return rows;
}

/** Whether `path` (without the base URL) is an instance of `template`: `{name}` stands for one path segment. */
export function pathMatches(template: string, path: string): boolean {
	const literal = (part: string) => part.replace(/[.*+?^$()[\]\\|]/g, '\\$&');
	return new RegExp(`^${template.split(/\{[a-z_]+\}/).map(literal).join('[^/]+')}$`).test(path);
}

const markdown = readFileSync(COVERAGE_FILE, 'utf8');
const rows = readCoverageRows(markdown);
/** `METHOD template` → the callers seen making that call in this run. */
const callersSeen = new Map<string, Set<string>>();
const rowKey = (row: { method: string; template: string }) => `${row.method} ${row.template}`;

/** The problems with what `caller` sent: calls without a row, or whose row does not name the caller. */
function checkCalls(caller: string, requests: RecordedRequest[]): string[] {
	const problems: string[] = [];
	for (const { method, path } of requests) {
		const apiPath = path.replace(/^\/services\/v2(?=\/)/, '');
		// The most specific row: a literal segment (status-changes) beats a placeholder ({order_id}).
		const row = rows
			.filter((r) => r.method === method && pathMatches(r.template, apiPath))
			.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0))[0];
		if (!row) {
			problems.push(`${caller} calls ${method} ${apiPath}: add a row for it to docs/api-coverage.md`);
			continue;
		}
		if (!row.usedBy.includes(caller)) {
			problems.push(`${caller} calls ${rowKey(row)}, but that row (line ${row.line}) does not name \`${caller}\` under "Used by"`);
		}
		const seen = callersSeen.get(rowKey(row)) ?? new Set<string>();
		seen.add(caller);
		callersSeen.set(rowKey(row), seen);
	}
	return problems;
}

const { SEED_ORDER_ID, APPROVED_REQUEST_ID } = fakeData;
const { DOMAIN_IDS } = fakeDomains;
const { listSearch } = new DigiCert().methods;
type Samples = (fake: FakeCertCentral) => INodeParameters[];

/**
 * The parameters each operation of the DigiCert node runs with here: one set per DigiCert call it
 * can make (e.g. Download by order and by certificate ID). Every operation needs an entry.
 */
/** A pending order of its own (dcv.example.com) waiting for DNS TXT DCV. */
function pendingDcvOrder(fake: FakeCertCentral): number {
	const order = fake.data.addOrder({ status: 'pending', commonName: 'dcv.example.com' });
	fake.data.orderDcv.start(order, 'dns-txt-token', ['dcv.example.com']);
	return order.id;
}

export const OPERATION_SAMPLES: Record<string, Samples> = {
	'request.get': () => [{ requestId: String(APPROVED_REQUEST_ID) }],
	'request.getMany': () => [{ limit: 5, filters: { status: 'pending', type: 'new_request', containerId: '5', search: 'example' } }],
	'request.approve': (fake) => [{ requestId: String(fake.data.addRequest().id), comment: 'approved by the coverage test' }],
	'request.reject': (fake) => [{ requestId: String(fake.data.addRequest().id), comment: 'rejected by the coverage test' }],
	'order.get': (fake) => [{ orderId: String(SEED_ORDER_ID) }, { orderId: fake.data.orders.get(SEED_ORDER_ID).certificate.thumbprint }],
	'order.getMany': (server) => [
		{ limit: 5, filters: { status: 'issued', commonName: 'example.com' }, options: { sort: '-date_created' } },
		// With the certificates of each order: the seed order has duplicates and so asks for them.
		{
			limit: 5,
			filters: { commonName: server.data.orders.get(fakeData.SEED_ORDER_ID).certificate.common_name },
			options: { includeDuplicates: true, includeReissues: true },
		},
	],
	'order.getExpiring': () => [{ days: 30 }],
	'order.listDuplicates': () => [{ orderId: String(SEED_ORDER_ID), options: { show_archived: true } }],
	'order.listReissues': () => [{ orderId: String(SEED_ORDER_ID), options: {} }],
	// The changes work on orders of their own, so the shared fake's seed order stays as the others expect.
	'order.create': () => [
		{ product: 'ssl_basic', csr: WWW_CSR, organizationId: '112233', validity: 'years', years: 1 },
		// typeVersion 1.2 reads the product's info (GET /product/{name_id}) before ordering.
		{ typeVersion: 1.2, product: { __rl: true, mode: 'list', value: 'ssl_basic' }, csr: WWW_CSR, organizationId: '112233', years: 2, options: { certificateValidity: { validity: { unit: 'days', days: 90 } } } },
	],
	'order.reissue': (fake) => [
		{ orderId: String(fake.data.addOrder({ status: 'issued', validDays: 90 }).id), csr: WWW_CSR },
		// With Certificate Validity the order's end is read first.
		{ orderId: String(fake.data.addOrder({ status: 'issued', validDays: 90 }).id), csr: WWW_CSR, options: { certificateValidity: { validity: { unit: 'days', days: 30 } } } },
	],
	'order.duplicate': (fake) => [{ orderId: String(fake.data.addOrder({ status: 'issued', validDays: 90 }).id), csr: WWW_CSR }],
	'order.revoke': (fake) => [{ orderId: String(fake.data.addOrder({ status: 'issued', validDays: 90 }).id), revocationReason: 'superseded' }],
	'order.cancel': (fake) => [{ orderId: String(fake.data.addOrder({ status: 'pending' }).id), note: 'canceled by the coverage test' }],
	'order.checkDcv': (fake) => [{ orderId: String(pendingDcvOrder(fake)) }, { orderId: String(pendingDcvOrder(fake)), options: { dnsNames: 'dcv.example.com' } }],
	'order.getDcvRandomValue': (fake) => [{ orderId: String(pendingDcvOrder(fake)) }],
	'order.setAutoReissue': (fake) => {
		const order = fake.data.addOrder({ status: 'issued', validDays: 90 });
		order.validity_years = 3;
		return [{ orderId: String(order.id), autoReissue: true }];
	},
	'order.changeDcvMethod': (fake) => [{ orderId: String(pendingDcvOrder(fake)), dcvMethod: 'dns-cname-token' }],
	'certificate.revoke': (fake) => {
		const certificate = fake.data.addOrder({ status: 'issued', validDays: 90 }).certificate;
		return [
			{ identifyBy: 'certificateId', certificateId: String(certificate.id), revocationReason: 'superseded' },
			{ identifyBy: 'serialNumber', serialNumber: certificate.serial_number, revocationReason: 'key_compromise' },
		];
	},
	'certificate.download': (fake) => [
		{ orderId: String(SEED_ORDER_ID), format: 'pem_all' },
		{ downloadBy: 'certificate', certificateId: String(fake.data.orders.get(SEED_ORDER_ID).certificate.id), format: 'pem_noroot' },
	],
	'domain.get': () => [{ domainId: String(DOMAIN_IDS.bothIn12) }],
	'domain.getMany': () => [{ limit: 5, filters: { status: 'active', search: 'example', dcvMethod: 'dns-txt-token', containerId: '5' } }],
	'domain.getExpiringValidations': () => [{ days: 30 }],
	'domain.checkDcv': () => [{ domainId: String(DOMAIN_IDS.pendingTxt) }],
	'domain.submitForValidation': () => [{ domainId: String(DOMAIN_IDS.ovIn30), validationTypes: ['ov'], dcvMethod: 'dns-txt-token' }],
	'domain.generateDcvToken': () => [{ domainId: String(DOMAIN_IDS.pendingTxt) }],
	'domain.changeDcvMethod': () => [{ domainId: String(DOMAIN_IDS.pendingCname), dcvMethod: 'dns-txt-token' }],
	'organization.getMany': () => [{ limit: 5, filters: { status: 'active', validation: 'not_pending', search: 'Contoso' } }],
	'organization.getExpiringValidations': () => [{ days: 30 }],
};

/** The parameters each trigger event runs with. Every event needs an entry. */
export const TRIGGER_SAMPLES: Record<string, INodeParameters> = {
	requestPending: {},
	requestStatusChanged: {},
	orderStatusChanged: { statuses: [], includeOrderDetails: true },
	certificateExpiring: { days: 30 },
	domainValidationExpiring: { days: 30 },
	organizationValidationExpiring: { days: 30 },
};

/**
 * Gives the scheduled poll after activation something to report: a new pending request, a request
 * seen open at activation that was then approved, an order that was issued.
 */
function prepareChanges(fake: FakeCertCentral): () => void {
	const watched = fake.data.addRequest().id as number;
	return () => {
		fake.data.setRequestStatus(watched, 'approved');
		fake.data.addRequest();
		fake.data.setOrderStatus(fake.data.addOrder({ status: 'pending' }).id, 'issued');
	};
}

let server: FakeCertCentral;
beforeAll(async () => {
	server = await startFakeCertCentral();
});
afterAll(async () => await server.close());
beforeEach(() => server.reset());

describe('docs/api-coverage.md lists every DigiCert call', () => {
	const operations = resources.flatMap((resource) => resource.operations.map((operation) => `${resource.value}.${operation.value}`));

	it.each(operations)('%s: every call it makes has a row naming it', async (caller) => {
		const samples = OPERATION_SAMPLES[caller];
		if (samples === undefined) throw new Error(`${caller} has no sample: add one to OPERATION_SAMPLES in test/docs/apiCoverage.test.ts, and its calls to docs/api-coverage.md`);
		const [resource, operation] = caller.split('.');
		const problems: string[] = [];
		for (const parameters of samples(server)) {
			server.reset();
			// A sample may ask for a node version (`typeVersion`): the calls only new nodes make.
			const { typeVersion = 1, ...rest } = parameters as typeof parameters & { typeVersion?: number };
			const result = await runDigiCert(server, { resource, operation, ...rest }, { node: { typeVersion } });
			expect(result.error?.message).toBeUndefined();
			expect(server.requests.length).toBeGreaterThan(0);
			problems.push(...checkCalls(caller, server.requests));
		}
		expect(problems).toEqual([]);
	});

	it.each(events.map((event) => event.value))('trigger event %s: every call it makes has a row naming it', async (event) => {
		const caller = `trigger.${event}`;
		const parameters = TRIGGER_SAMPLES[event];
		if (parameters === undefined) throw new Error(`${caller} has no sample: add one to TRIGGER_SAMPLES in test/docs/apiCoverage.test.ts`);
		const trigger = new ActiveTrigger(triggerNode({ event, ...parameters }), credentialFor(server));
		const change = prepareChanges(server);
		expect((await trigger.activate()).error).toBeUndefined();
		change();
		expect((await trigger.poll()).error).toBeUndefined();
		await trigger.manual();
		expect(server.requests.length).toBeGreaterThan(0);
		expect(checkCalls(caller, server.requests)).toEqual([]);
	});

	it.each(Object.keys(listSearch))('list search %s: every call it makes has a row naming it', async (method) => {
		// The fake may not list domains: answer as DigiCert's page documents (the call is what matters here).
		server.fail({ match: (r) => r.path === '/services/v2/domain', respond: { status: 200, body: { domains: [], page: { total: 0, limit: 50, offset: 0 } } } });
		const context = loadOptionsContext(digiCertNode({}, { typeVersion: 1.1 }), credentialFor(server));
		await listSearch[method as keyof typeof listSearch].call(context, 'example');
		await listSearch[method as keyof typeof listSearch].call(context, '12345678');
		expect(server.requests.length).toBeGreaterThan(0);
		expect(checkCalls(`listSearch.${method}`, server.requests)).toEqual([]);
	});

	it('webhook trigger: every call its lifecycle and its events make has a row naming it', async () => {
		const harness = new WebhookTriggerHarness(webhookTriggerNode({ events: ['certificate_issued'], options: { includeOrderDetails: true } }), credentialFor(server));
		await harness.start();
		try {
			await harness.activate(); // created, challenged, activated
			harness.node.parameters.events = ['certificate_issued', 'order_rejected'];
			await harness.activate(); // updated
			server.data.setOrderStatus(server.data.addOrder({ status: 'pending' }).id, 'issued');
			await server.data.webhookSettled(); // the event fetches its order
			await harness.listen(); // the test event
			await harness.deactivate();
		} finally {
			await harness.close();
		}
		expect(harness.executions.length).toBe(2);
		expect(checkCalls('webhookTrigger', server.requests)).toEqual([]);
	});

	it('Test connection: every call it makes has a row naming it', async () => {
		const result = await testConnection(credentialFor(server).digiCertApi);
		expect(result.status).toBe('OK');
		expect(checkCalls('credential', server.requests)).toEqual([]);
	});

	// Runs after the cases above (jest keeps the order within a file): it reads what they recorded.
	it('every row is made by each caller it names, and by no other', () => {
		const problems: string[] = [];
		for (const row of rows) {
			const seen = callersSeen.get(rowKey(row)) ?? new Set<string>();
			if (seen.size === 0) problems.push(`line ${row.line}: nothing calls ${rowKey(row)}: remove the row`);
			for (const named of row.usedBy) {
				if (!seen.has(named)) problems.push(`line ${row.line}: "Used by" names \`${named}\`, which does not call ${rowKey(row)}`);
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('docs/api-coverage.md is complete', () => {
	it('each row names a DigiCert page, the tests that exercise it (files that exist), and what is assumed', () => {
		expect(rows.length).toBeGreaterThanOrEqual(10);
		const problems: string[] = [];
		for (const row of rows) {
			const cells = cellsOf(row.text);
			if (!/https:\/\/dev\.digicert\.com\/\S+/.test(cells[3])) problems.push(`line ${row.line}: no dev.digicert.com page under "Checked against"`);
			if (row.tests.length === 0) problems.push(`line ${row.line}: no test under "Tests"`);
			for (const file of row.tests) {
				try {
					statSync(join(ROOT, file));
				} catch {
					problems.push(`line ${row.line}: test file ${file} does not exist`);
				}
			}
			if ((cells[6] ?? '') === '') problems.push(`line ${row.line}: "Assumed, not documented" is empty (write "nothing" when nothing is)`);
		}
		expect(problems).toEqual([]);
	});

	it('every path literal in nodes/ and credentials/ appears in it verbatim', () => {
		const literals: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const file = join(dir, name);
				if (statSync(file).isDirectory()) walk(file);
				else if (name.endsWith('.ts')) {
					// `path: '/x'` (an operation's request), `source.list('/x'` (a trigger event's), `url: '/x'` (the credential test).
					const text = readFileSync(file, 'utf8');
					for (const match of text.matchAll(/(?:path:\s*|url:\s*|source\.(?:list|get|fetch)\()([`'"])(\/[^`'"]*)\1/g)) {
						literals.push(`${relative(ROOT, file)}: ${match[2]}`);
					}
				}
			}
		};
		walk(join(ROOT, 'nodes'));
		walk(join(ROOT, 'credentials'));
		expect(literals.length).toBeGreaterThan(0);
		expect(literals.filter((entry) => !markdown.includes(entry.slice(entry.indexOf(': ') + 2)))).toEqual([]);
	});
});
