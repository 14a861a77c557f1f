/**
 * The package in n8n's queue mode: a main instance, Redis as the queue, PostgreSQL as the database
 * and two `n8n worker` processes, all loading the built package under its published name. Webhook
 * workflows make the main instance enqueue executions; the workers run the DigiCert node against
 * the fake CertCentral. `npm run test:queue` (slow: it starts a real n8n three times).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../e2e/support/n8n';
import type { FakeCertCentral } from '../helpers/fake';
import { fakeData, startFakeCertCentral } from '../helpers/fake';
import type { N8nProcess } from './cluster';
import { N8nRestClient, QueueCluster, waitFor, workerExecutions } from './cluster';
import type { CredentialRef } from './workflows';
import { triggerToGetRequest, webhookToDigiCert } from './workflows';

/**
 * Cases for operations that other branches add run once their source is here (a merge needs no
 * edit of this file); until then they are skipped, and say so.
 */
const hasSource = (file: string) => existsSync(join(REPO_ROOT, file));
const HAS_ORDER_GET_MANY = hasSource('nodes/DigiCert/resources/order/getMany.ts');
const HAS_DOWNLOAD = hasSource('nodes/DigiCert/resources/certificate/download.ts');
const HAS_TRIGGER = hasSource('nodes/DigiCertTrigger/DigiCertTrigger.node.ts');
const itIf = (present: boolean) => (present ? it : it.skip);

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
	workers = await Promise.all([
		cluster.startWorker('worker-1', 2),
		cluster.startWorker('worker-2', 2),
	]);

	rest = new N8nRestClient(cluster.mainUrl);
	await rest.setUpOwner();
	credential = await rest.createCredential(CREDENTIAL_NAME, 'digiCertApi', {
		region: 'custom',
		baseUrl: fake.baseUrl,
		apiKey: fake.apiKey,
	});
	for (const [name, path, parameters] of [
		[
			'Queue: Get Request',
			'digicert-get-request',
			{ resource: 'request', operation: 'get', requestId: '={{ $json.body.requestId }}' },
		],
		[
			'Queue: List Order Duplicates',
			'digicert-list-duplicates',
			{ resource: 'order', operation: 'listDuplicates', orderId: '={{ $json.body.orderId }}' },
		],
	] as const) {
		await rest.createActiveWorkflow(webhookToDigiCert(name, path, parameters, credential));
	}
	if (HAS_ORDER_GET_MANY) {
		const parameters = { resource: 'order', operation: 'getMany', returnAll: true };
		await rest.createActiveWorkflow(
			webhookToDigiCert('Queue: Get Many Orders', 'digicert-orders', parameters, credential),
		);
	}
	if (HAS_DOWNLOAD) {
		const parameters = {
			resource: 'certificate',
			operation: 'download',
			orderId: '={{ $json.body.orderId }}',
			format: 'pem_all',
		};
		await rest.createActiveWorkflow(
			webhookToDigiCert(
				'Queue: Download',
				'digicert-download',
				parameters,
				credential,
				'firstEntryBinary',
			),
		);
	}
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await fake?.close();
}, 120_000);

beforeEach(() => fake.reset());

/** Calls a production webhook of the main instance: it enqueues the execution and answers with its items. */
async function callWebhook(
	path: string,
	body: unknown,
): Promise<{ status: number; items: unknown }> {
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
		.map(([id, status, mode, workflowName, retryOf]) => ({
			id,
			status,
			mode,
			workflowName,
			retryOf,
		}));
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
		const { status, items } = await callWebhook('digicert-get-request', {
			requestId: fakeData.APPROVED_REQUEST_ID,
		});
		expect(status).toBe(200);
		expect(items).toEqual([fakeData.seeds.requestApproved]);
		const sent = devKeyRequests(`/request/${fakeData.APPROVED_REQUEST_ID}`);
		expect(sent).toHaveLength(1);
		expect(sent[0].headers['x-dc-devkey']).toBe(fake.apiKey);
	});

	it('List Order Duplicates runs through the queue on a worker', async () => {
		const { status, items } = await callWebhook('digicert-list-duplicates', {
			orderId: fakeData.SEED_ORDER_ID,
		});
		expect(status).toBe(200);
		const notArchived = fakeData.seeds.orderDuplicates.certificates.filter(
			(c) => c.archived !== '1',
		);
		expect(notArchived.length).toBeGreaterThan(0);
		expect(items).toEqual(notArchived);
		expect(devKeyRequests(`/order/certificate/${fakeData.SEED_ORDER_ID}/duplicate`)).toHaveLength(
			1,
		);
	});

	itIf(HAS_ORDER_GET_MANY)('Return All pages through every order on a worker', async () => {
		const firstPage = await fetch(`${fake.baseUrl}/order/certificate?limit=1`, {
			headers: { 'x-dc-devkey': fake.apiKey },
		});
		const { page } = (await firstPage.json()) as { page: { total: number } };
		fake.reset();
		expect(page.total).toBeGreaterThan(1000);
		const { status, items } = await callWebhook('digicert-orders', {});
		expect(status).toBe(200);
		expect((items as Array<{ id: number }>).length).toBe(page.total);
		expect(new Set((items as Array<{ id: number }>).map((o) => o.id)).size).toBe(page.total);
		expect(devKeyRequests('/order/certificate').length).toBe(Math.ceil(page.total / 1000));
	});

	itIf(HAS_DOWNLOAD)(
		'a certificate downloaded on a worker reaches the main instance through binary data in the database',
		async () => {
			const { certificateFile } = require('../fake-certcentral/files') as {
				certificateFile(order: unknown, format: string): { content: string | Buffer };
			};
			const expected = certificateFile(
				fake.data.orders.get(fakeData.SEED_ORDER_ID),
				'pem_all',
			).content;
			const res = await fetch(`${cluster.mainUrl}/webhook/digicert-download`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ orderId: fakeData.SEED_ORDER_ID }),
			});
			expect(res.status).toBe(200);
			expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(expected))).toBe(true);
			// The worker stored the file with n8n's binary-data service in database mode: a row of the execution's.
			const [execution] = executions(`w.name = 'Queue: Download'`);
			expect(execution.status).toBe('success');
			expect(
				cluster.sql(
					`select count(*) from binary_data where "sourceType" = 'execution' and "sourceId" = '${execution.id}'`,
				),
			).toEqual([['1']]);
		},
	);

	itIf(HAS_TRIGGER)(
		'the polling trigger is activated on main and its executions run on the workers',
		async () => {
			await rest.createActiveWorkflow(
				triggerToGetRequest('Queue: Trigger', 'requestPending', credential),
			);
			// n8n 2.41 publishes a workflow in the background: its first poll (the baseline, which fires
			// nothing) comes a few seconds after the REST call. Its cursor lands in the workflow's static data.
			const staticDataSql = `select coalesce("staticData"::text, '') from workflow_entity where name = 'Queue: Trigger'`;
			await waitFor(
				'the baseline poll to store its cursor',
				() => (cluster.sql(staticDataSql)[0]?.[0]?.includes('requestPending') ? true : undefined),
				120_000,
			);
			// A request that turns up afterwards fires the next poll (every minute).
			const added = fake.data.addRequest() as { id: number };
			expect(cluster.sql(staticDataSql)[0][0]).not.toContain(String(added.id));
			const fired = await waitFor(
				'a trigger execution for the new pending request (polls run every minute)',
				() => {
					const rows = executions(
						`w.name = 'Queue: Trigger' and e.mode = 'trigger' and e.status not in ('new', 'running')`,
					);
					return rows.length > 0 ? rows : undefined;
				},
				150_000,
			);
			const ranOn = runByWorker();
			for (const execution of fired) {
				expect([execution.status, ranOn.get(execution.id)]).toEqual([
					'success',
					[expect.stringMatching(/^worker-/)],
				]);
			}
			// The trigger's item reached the worker: its Get Request asked for the new request.
			expect(devKeyRequests(`/request/${added.id}`).length).toBeGreaterThan(0);
			// The main instance polled, and kept its cursor in the workflow's static data.
			expect(cluster.sql(staticDataSql)[0][0]).toContain(String(added.id));
		},
		300_000,
	);

	it('ran every execution on a worker, none on the main instance, and stored each in PostgreSQL', () => {
		const stored = executions();
		expect(stored.length).toBeGreaterThanOrEqual(2);
		const ranOn = runByWorker();
		for (const execution of stored) {
			expect({ ...execution, ranOn: ranOn.get(execution.id) }).toEqual({
				...execution,
				status: 'success',
				ranOn: [expect.stringMatching(/^worker-/)],
			});
		}
		const main = cluster.processes.find((p) => p.name === 'main')!;
		expect(workerExecutions(main.log()).started.size).toBe(0);
	});

	it('keeps the API key out of the logs and the stored executions', () => {
		for (const proc of cluster.processes) expect(proc.log()).not.toContain(fake.apiKey);
		const leaked = cluster.sql(
			`select count(*) from execution_data where data like '%${fake.apiKey}%'`,
		);
		expect(leaked).toEqual([['0']]);
	});

	it('loses nothing when a worker is killed in the middle of a batch', async () => {
		const BATCH = 12;
		const slowRequest = fakeData.PENDING_REQUEST_ID;
		const slowAnswer = fake.data.requests.get(slowRequest);
		// Every call for the slow request takes a while, so executions are in flight when the worker dies.
		fake.fail({
			match: (r) => r.path === `/services/v2/request/${slowRequest}`,
			respond: { status: 200, body: slowAnswer, delayMs: 2000 },
		});
		const [survivor, victim] = workers;
		const before = new Set(executions().map((e) => e.id));

		const calls = Array.from(
			{ length: BATCH },
			async () => await callWebhook('digicert-get-request', { requestId: slowRequest }),
		);
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

		// n8n may answer a webhook before it has written the execution's end: wait for every one to end.
		const batch = await waitFor(
			'every execution of the batch to end',
			() => {
				const rows = executions(
					`e.id::int > ${Math.max(0, ...[...before].map(Number))} and w.name = 'Queue: Get Request'`,
				);
				return rows.length === BATCH &&
					rows.every((r) => r.status !== 'new' && r.status !== 'running')
					? rows
					: undefined;
			},
			120_000,
		);
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
			expect([execution.id, ranOnBefore.get(execution.id)]).toEqual([
				execution.id,
				[expect.stringMatching(/^worker-/)],
			]);
		}
		const mainLog = cluster.processes.find((p) => p.name === 'main')!.log();
		for (const execution of failed) {
			expect([execution.id, execution.status, ranOnBefore.get(execution.id)]).toEqual([
				execution.id,
				'error',
				undefined,
			]);
			expect(mainLog).toContain(
				`job stalled more than maxStalledCount (execution ${execution.id})`,
			);
		}
		// The callers got the items of every execution that succeeded, and an error for each one the dead
		// worker held, so they know to send those again. (n8n's own Retry cannot redo these: when it marks a
		// stalled execution as failed it keeps no input to run again.)
		const succeeded = answers.filter((a) => a.status === 200);
		for (const answer of succeeded) expect(answer.items).toEqual([slowAnswer]);
		expect(succeeded.length).toBe(BATCH - failed.length);
		const resent = await Promise.all(
			answers
				.filter((a) => a.status !== 200)
				.map(async () => await callWebhook('digicert-get-request', { requestId: slowRequest })),
		);
		for (const answer of resent) expect(answer).toEqual({ status: 200, items: [slowAnswer] });
		const latest = Math.max(...batch.map((e) => Number(e.id)));
		const ranOn = runByWorker();
		for (const execution of executions(`e.id::int > ${latest} and w.name = 'Queue: Get Request'`)) {
			expect([execution.status, ranOn.get(execution.id)]).toEqual(['success', [survivor.name]]);
		}
		// Nothing lost: every call of the batch has its items, first time or sent again.
		expect(succeeded.length + resent.length).toBe(BATCH);
	});

	it('finishes what a worker runs when it is stopped gracefully (SIGTERM) in the middle of a batch', async () => {
		const BATCH = 8;
		const slowRequest = fakeData.PENDING_REQUEST_ID;
		const slowAnswer = fake.data.requests.get(slowRequest);
		fake.fail({
			match: (r) => r.path === `/services/v2/request/${slowRequest}`,
			respond: { status: 200, body: slowAnswer, delayMs: 2000 },
		});
		const leaving = workers[0];
		workers.push(await cluster.startWorker('worker-3', 2));
		const before = Math.max(0, ...executions().map((e) => Number(e.id)));

		const calls = Array.from(
			{ length: BATCH },
			async () => await callWebhook('digicert-get-request', { requestId: slowRequest }),
		);
		await waitFor(
			'the leaving worker to start an execution of the batch',
			() =>
				[...workerExecutions(leaving.log()).started].some((id) => Number(id) > before)
					? true
					: undefined,
			120_000,
		);
		const stopping = cluster.stopProcess(leaving, 'SIGTERM');
		const answers = await Promise.all(calls);
		await stopping;

		for (const answer of answers) expect(answer).toEqual({ status: 200, items: [slowAnswer] });
		const batch = executions(`e.id::int > ${before} and w.name = 'Queue: Get Request'`);
		expect(batch).toHaveLength(BATCH);
		const ranOn = runByWorker();
		for (const execution of batch) {
			expect([execution.status, ranOn.get(execution.id)]).toEqual([
				'success',
				[expect.stringMatching(/^worker-/)],
			]);
		}
		// The leaving worker finished every execution it had started before it exited.
		const onLeaving = workerExecutions(leaving.log());
		expect([...onLeaving.started].filter((id) => !onLeaving.finished.has(id))).toEqual([]);
		expect(batch.some((e) => onLeaving.started.has(e.id))).toBe(true);
	});
});
