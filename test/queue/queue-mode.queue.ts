/**
 * The package in n8n's queue mode: a main instance, Redis as the queue, PostgreSQL as the database
 * and two `n8n worker` processes, all loading the built package under its published name. Webhook
 * workflows make the main instance enqueue executions; the workers run the DigiCert node against
 * the fake CertCentral. `npm run test:queue` (slow: it starts a real n8n three times).
 */
import type { FakeCertCentral } from '../helpers/fake';
import { fakeData, startFakeCertCentral } from '../helpers/fake';
import type { N8nProcess } from './cluster';
import { N8nRestClient, QueueCluster, waitFor, workerExecutions } from './cluster';
import type { CredentialRef } from './workflows';
import { webhookToDigiCert } from './workflows';

let fake: FakeCertCentral;
let cluster: QueueCluster;
let rest: N8nRestClient;
let workers: N8nProcess[];
let credential: CredentialRef;

const CREDENTIAL_NAME = 'DigiCert (fake CertCentral)';

beforeAll(async () => {
	fake = await startFakeCertCentral();
	cluster = new QueueCluster();
	await cluster.installN8n();
	cluster.startServices();
	// The main instance migrates the database before the workers connect to it.
	await cluster.startMain();
	workers = await Promise.all([cluster.startWorker('worker-1', 2), cluster.startWorker('worker-2', 2)]);

	rest = new N8nRestClient(cluster.mainUrl);
	await rest.setUpOwner();
	credential = await rest.createCredential(CREDENTIAL_NAME, 'digiCertApi', {
		region: 'custom',
		baseUrl: fake.baseUrl,
		apiKey: fake.apiKey,
	});
	for (const [name, path, parameters] of [
		['Queue: Get Request', 'digicert-get-request', { resource: 'request', operation: 'get', requestId: '={{ $json.body.requestId }}' }],
		['Queue: List Order Duplicates', 'digicert-list-duplicates', { resource: 'order', operation: 'listDuplicates', orderId: '={{ $json.body.orderId }}' }],
	] as const) {
		await rest.createActiveWorkflow(webhookToDigiCert(name, path, parameters, credential));
	}
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await fake?.close();
}, 120_000);

beforeEach(() => fake.reset());

/** Calls a production webhook of the main instance: it enqueues the execution and answers with its items. */
async function callWebhook(path: string, body: unknown): Promise<{ status: number; items: unknown }> {
	const res = await fetch(`${cluster.mainUrl}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await res.text();
	let items: unknown = text;
	try {
		items = JSON.parse(text);
	} catch {
		// not JSON: keep the text for the failure message
	}
	return { status: res.status, items };
}

interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
	workflowName: string;
	retryOf: string;
}

function executions(where = 'true'): ExecutionRow[] {
	return cluster
		.sql(
			`select e.id, e.status, e.mode, w.name, coalesce(e."retryOf", '') from execution_entity e
			 join workflow_entity w on w.id = e."workflowId" where ${where} order by e.id::int`,
		)
		.map(([id, status, mode, workflowName, retryOf]) => ({ id, status, mode, workflowName, retryOf }));
}

/** Which worker's log says it ran each execution (started and finished it). */
function runByWorker(): Map<string, string[]> {
	const ranOn = new Map<string, string[]>();
	for (const worker of workers) {
		const { finished } = workerExecutions(worker.log());
		for (const id of finished) ranOn.set(id, [...(ranOn.get(id) ?? []), worker.name]);
	}
	return ranOn;
}

function devKeyRequests(path: string) {
	return fake.requests.filter((r) => r.path === `/services/v2${path}`);
}

describe('n8n queue mode (main + Redis + PostgreSQL + 2 workers)', () => {
	it('loads the package under its published name on the main instance', async () => {
		const types = await rest.get<Array<{ name: string }>>('/types/nodes.json');
		expect(types.map((t) => t.name)).toContain('n8n-nodes-digicert.digiCert');
	});

	it('Get Request runs through the queue on a worker', async () => {
		const { status, items } = await callWebhook('digicert-get-request', { requestId: fakeData.APPROVED_REQUEST_ID });
		expect(status).toBe(200);
		expect(items).toEqual([fakeData.seeds.requestApproved]);
		const sent = devKeyRequests(`/request/${fakeData.APPROVED_REQUEST_ID}`);
		expect(sent).toHaveLength(1);
		expect(sent[0].headers['x-dc-devkey']).toBe(fake.apiKey);
	});

	it('List Order Duplicates runs through the queue on a worker', async () => {
		const { status, items } = await callWebhook('digicert-list-duplicates', { orderId: fakeData.SEED_ORDER_ID });
		expect(status).toBe(200);
		const notArchived = fakeData.seeds.orderDuplicates.certificates.filter((c) => c.archived !== '1');
		expect(notArchived.length).toBeGreaterThan(0);
		expect(items).toEqual(notArchived);
		expect(devKeyRequests(`/order/certificate/${fakeData.SEED_ORDER_ID}/duplicate`)).toHaveLength(1);
	});

	// TODO(lead, after merging issue4-ops): add a webhook workflow for the order getMany operation with
	// Return All on (several pages from the fake), and one for the certificate download: its item's binary
	// must come back through n8n's binary-data service in `database` mode (set in cluster.sharedEnv) —
	// assert the webhook's `firstEntryBinary` answer or the execution's binary reference.
	it.todo('Return All pages through every order on a worker');
	it.todo('a certificate download reaches the main instance as binary data in database mode');
	// TODO(lead, after merging issue4-trigger): create the trigger workflow with rest.createActiveWorkflow;
	// the main instance polls, its executions (mode "trigger") must appear in executions() and in a
	// worker's log (runByWorker), and a second poll must see the first one's static data.
	it.todo('the polling trigger is activated on main and its executions run on the workers');

	it('ran every execution on a worker, none on the main instance, and stored each in PostgreSQL', () => {
		const stored = executions();
		expect(stored.length).toBeGreaterThanOrEqual(2);
		const ranOn = runByWorker();
		for (const execution of stored) {
			expect({ ...execution, ranOn: ranOn.get(execution.id) }).toEqual({ ...execution, status: 'success', ranOn: [expect.stringMatching(/^worker-/)] });
		}
		const main = cluster.processes.find((p) => p.name === 'main')!;
		expect(workerExecutions(main.log()).started.size).toBe(0);
	});

	it('keeps the API key out of the logs and the stored executions', () => {
		for (const proc of cluster.processes) expect(proc.log()).not.toContain(fake.apiKey);
		const leaked = cluster.sql(`select count(*) from execution_data where data like '%${fake.apiKey}%'`);
		expect(leaked).toEqual([['0']]);
	});

	it('loses nothing when a worker is killed in the middle of a batch', async () => {
		const BATCH = 12;
		const slowRequest = fakeData.PENDING_REQUEST_ID;
		const slowAnswer = fake.data.requests.get(slowRequest);
		// Every call for the slow request takes a while, so executions are in flight when the worker dies.
		fake.fail({ match: (r) => r.path === `/services/v2/request/${slowRequest}`, respond: { status: 200, body: slowAnswer, delayMs: 2000 } });
		const [survivor, victim] = workers;
		const before = new Set(executions().map((e) => e.id));

		const calls = Array.from({ length: BATCH }, async () => await callWebhook('digicert-get-request', { requestId: slowRequest }));
		// Kill the victim (SIGKILL: no goodbye) once it is running executions of the batch.
		await waitFor(
			'the victim worker to start an execution of the batch',
			() => {
				const started = [...workerExecutions(victim.log()).started].filter((id) => !before.has(id));
				return started.length > 0 ? started : undefined;
			},
			120_000,
		);
		await cluster.stopProcess(victim, 'SIGKILL');
		const answers = await Promise.all(calls);

		const batch = executions(`e.id::int > ${Math.max(0, ...[...before].map(Number))}`);
		expect(batch).toHaveLength(BATCH);
		const ranOnBefore = runByWorker();
		const failed = batch.filter((e) => e.status !== 'success');
		// The kill hit executions in flight: at least those the victim's log shows started and not finished.
		const onVictim = workerExecutions(victim.log());
		const heldByVictim = [...onVictim.started].filter((id) => !onVictim.finished.has(id));
		expect(heldByVictim.length).toBeGreaterThan(0);
		expect(failed.map((e) => e.id)).toEqual(expect.arrayContaining(heldByVictim));
		// Every execution ended: a success run by one worker, or an error because its worker died (its job
		// stalled), never left queued or running.
		for (const execution of batch.filter((e) => e.status === 'success')) {
			expect([execution.id, ranOnBefore.get(execution.id)]).toEqual([execution.id, [expect.stringMatching(/^worker-/)]]);
		}
		const mainLog = cluster.processes.find((p) => p.name === 'main')!.log();
		for (const execution of failed) {
			expect([execution.id, execution.status, ranOnBefore.get(execution.id)]).toEqual([execution.id, 'error', undefined]);
			expect(mainLog).toContain(`job stalled more than maxStalledCount (execution ${execution.id})`);
		}
		// The callers got the items of every execution that succeeded, and an error for each one the dead
		// worker held, so they know to send those again. (n8n's own Retry cannot redo these: when it marks a
		// stalled execution as failed it keeps no input to run again.)
		const succeeded = answers.filter((a) => a.status === 200);
		for (const answer of succeeded) expect(answer.items).toEqual([slowAnswer]);
		expect(succeeded.length).toBe(BATCH - failed.length);
		const resent = await Promise.all(
			answers.filter((a) => a.status !== 200).map(async () => await callWebhook('digicert-get-request', { requestId: slowRequest })),
		);
		for (const answer of resent) expect(answer).toEqual({ status: 200, items: [slowAnswer] });
		const latest = Math.max(...batch.map((e) => Number(e.id)));
		const ranOn = runByWorker();
		for (const execution of executions(`e.id::int > ${latest}`)) {
			expect([execution.status, ranOn.get(execution.id)]).toEqual(['success', [survivor.name]]);
		}
		// Nothing lost: every call of the batch has its items, first time or sent again.
		expect(succeeded.length + resent.length).toBe(BATCH);
	});
});
