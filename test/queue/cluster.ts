/**
 * An n8n cluster in queue mode on this machine, for end-to-end tests: Redis and PostgreSQL from
 * scripts/queue-services.sh, and the pinned n8n 2.41.1 as one main instance and `n8n worker`
 * processes, all sharing one user folder with the built package installed under its published name
 * (the e2e runner's `createN8nHome`, test/e2e/support/n8n.js), one database, one queue and one
 * encryption key. Everything it starts is stopped by PID (each n8n in its own process group, so its
 * task-runner child goes with it), also when the test process exits early.
 */
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

import type { N8nHome } from '../e2e/support/n8n';
import { REPO_ROOT, createN8nHome, freePort } from '../e2e/support/n8n';

export { PACKAGE_NAME } from '../e2e/support/n8n';

export interface N8nProcess {
	name: string;
	pid: number;
	logFile: string;
	log(): string;
	exited: Promise<number | null>;
}

export interface Services {
	REDIS_PORT: string;
	PG_PORT: string;
	PG_BINDIR: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits until `check` returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	timeoutMs: number,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

export class QueueCluster {
	readonly dir = mkdtempSync(join(tmpdir(), 'n8n-queue-'));

	readonly userFolder = join(this.dir, 'user');

	readonly processes: N8nProcess[] = [];

	services!: Services;

	mainPort = 0;

	/** The pinned n8n and the shared user folder with the package installed (the e2e runner's). */
	home!: N8nHome;

	private servicesStarted = false;

	private readonly onExit = () => this.stopSync();

	constructor() {
		// PostgreSQL runs as its own user when the test runs as root: it must reach its data folder.
		chmodSync(this.dir, 0o755);
		process.once('exit', this.onExit);
	}

	get mainUrl() {
		return `http://127.0.0.1:${this.mainPort}`;
	}

	/** Redis and PostgreSQL on free loopback ports, data under this cluster's folder. */
	startServices(): Services {
		this.servicesStarted = true;
		const out = execFileSync(
			'bash',
			[join(REPO_ROOT, 'scripts/queue-services.sh'), 'start', join(this.dir, 'services')],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		this.services = Object.fromEntries(
			out
				.trim()
				.split('\n')
				.map((line) => line.split('=', 2)),
		) as unknown as Services;
		return this.services;
	}

	/** Ensures the pinned n8n 2.41.1 and installs the built package into the cluster's user folder. */
	async installN8n(): Promise<N8nHome> {
		this.home = await createN8nHome({ major: 2, userFolder: this.userFolder });
		return this.home;
	}

	/** The environment every n8n process of the cluster shares: one user folder, database, queue and key. */
	sharedEnv(): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = { ...process.env, ...this.home.env, ...this.queueEnv() };
		// n8n's own Node first on PATH (for the task runners it spawns), and nothing of the test runner's.
		env.PATH = `${dirname(this.home.n8n.node)}${delimiter}${process.env.PATH ?? ''}`;
		for (const name of ['NODE_OPTIONS', 'NODE_ENV', 'JEST_WORKER_ID']) delete env[name];
		return env;
	}

	/** What queue mode adds to the e2e runner's environment. */
	queueEnv(): Record<string, string> {
		return {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: this.services.REDIS_PORT,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: this.services.PG_PORT,
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
			// Binary data must be readable by every process: in queue mode n8n 2.x keeps it in the database.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			// A killed worker's jobs are found stalled within seconds, not the default minute and a half.
			QUEUE_WORKER_LOCK_DURATION: '10000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			// Workers log "Worker started/finished execution <id>": the test reads which worker ran what.
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// Loopback only: the MCP server registry would be fetched from the internet.
			N8N_DISABLED_MODULES: 'mcp-registry',
			NO_COLOR: '1',
		};
	}

	/** Starts `n8n <args>` in its own process group, its output in a log file of the cluster's folder. */
	async spawnN8n(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<N8nProcess> {
		const logFile = join(this.dir, `${name}.log`);
		const fd = openSync(logFile, 'a');
		const child = spawn(this.home.n8n.node, [this.home.n8n.n8nBin, ...args], {
			cwd: this.dir,
			env: { ...this.sharedEnv(), N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env },
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
		const proc: N8nProcess = {
			name,
			pid: child.pid!,
			logFile,
			log: () => readFileSync(logFile, 'utf8'),
			exited,
		};
		this.processes.push(proc);
		return proc;
	}

	async startMain(): Promise<N8nProcess> {
		this.mainPort = await freePort();
		const main = await this.spawnN8n('main', ['start'], { N8N_PORT: String(this.mainPort) });
		// The first start migrates the database: up to a minute on a busy machine.
		await waitFor(
			'n8n main to be ready',
			async () => {
				this.assertAlive(main);
				const res = await fetch(`${this.mainUrl}/healthz/readiness`).catch(() => undefined);
				return res?.ok ? true : undefined;
			},
			180_000,
		);
		return main;
	}

	async startWorker(name: string, concurrency: number): Promise<N8nProcess> {
		const worker = await this.spawnN8n(name, ['worker', `--concurrency=${concurrency}`], {});
		await waitFor(
			`${name} to be ready`,
			() => {
				this.assertAlive(worker);
				return worker.log().includes('n8n worker is now ready') ? true : undefined;
			},
			180_000,
		);
		return worker;
	}

	private assertAlive(proc: N8nProcess) {
		try {
			process.kill(proc.pid, 0);
		} catch {
			throw new Error(`${proc.name} exited early; its log:\n${proc.log().slice(-4000)}`);
		}
	}

	/** Sends `signal` to the process group of `proc` and waits for it to exit (SIGKILL after 30 s). */
	async stopProcess(proc: N8nProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		const index = this.processes.indexOf(proc);
		if (index >= 0) this.processes.splice(index, 1);
		try {
			process.kill(-proc.pid, signal);
		} catch {
			return;
		}
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise((done) => (timer = setTimeout(() => done('timeout'), 30_000)));
		const outcome = await Promise.race([proc.exited, timeout]);
		clearTimeout(timer);
		if (outcome === 'timeout') {
			try {
				process.kill(-proc.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}

	/** Stops every n8n process (workers first), then Redis and PostgreSQL, then removes the folder. */
	async stop(): Promise<void> {
		const workersFirst = [...this.processes].reverse();
		for (const proc of workersFirst) await this.stopProcess(proc);
		this.stopServices();
		process.removeListener('exit', this.onExit);
		// The user folder is the cluster's: removing the folder removes it.
		if (!process.env.KEEP_QUEUE_TEST_DIR) rmSync(this.dir, { recursive: true, force: true });
	}

	private stopServices() {
		if (!this.servicesStarted) return;
		this.servicesStarted = false;
		spawnSync(
			'bash',
			[join(REPO_ROOT, 'scripts/queue-services.sh'), 'stop', join(this.dir, 'services')],
			{ stdio: 'inherit' },
		);
	}

	/** Last resort when the test process exits without `stop()`: kill what is left, by PID. */
	private stopSync() {
		for (const proc of this.processes) {
			try {
				process.kill(-proc.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		this.processes.length = 0;
		this.stopServices();
	}

	/** Runs SQL in the cluster's database and returns the rows, columns split on `|`. */
	sql(query: string): string[][] {
		const out = execFileSync(
			join(this.services.PG_BINDIR, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				this.services.PG_PORT,
				'-U',
				'n8n',
				'-d',
				'n8n',
				'-tA',
				'-c',
				query,
			],
			{ encoding: 'utf8' },
		);
		return out
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('|'));
	}
}

/** A logged-in session on n8n's REST API (the editor's own API), as the instance owner. */
export class N8nRestClient {
	private cookie = '';

	constructor(private readonly baseUrl: string) {}

	/** GET of any path of the instance, with the session's cookie (e.g. /types/nodes.json). */
	async get<T = unknown>(path: string): Promise<T> {
		const res = await fetch(`${this.baseUrl}${path}`, {
			headers: { 'browser-id': 'queue-mode-test', cookie: this.cookie },
		});
		if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
		return (await res.json()) as T;
	}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': 'queue-mode-test',
				cookie: this.cookie,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await res.text();
		if (!res.ok)
			throw new Error(`${method} /rest${path} answered ${res.status}: ${text.slice(0, 500)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	async setUpOwner() {
		const owner = {
			email: 'owner@example.com',
			firstName: 'Queue',
			lastName: 'Test',
			password: 'Queue-mode-test-1',
		};
		await this.request('POST', '/owner/setup', owner);
		await this.request('POST', '/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string }> {
		return await this.request('POST', '/credentials', { name, type, data });
	}

	/** Creates a workflow and publishes (activates) it: its triggers then run on the main instance. */
	async createActiveWorkflow(workflow: Record<string, unknown>): Promise<{ id: string }> {
		const created = await this.request<{ id: string; versionId: string }>(
			'POST',
			'/workflows',
			workflow,
		);
		await this.request('POST', `/workflows/${created.id}/activate`, {
			versionId: created.versionId,
		});
		return created;
	}
}

/** Execution IDs a worker's log says it started and finished ("Worker started execution 12 (job 12)"). */
export function workerExecutions(log: string): { started: Set<string>; finished: Set<string> } {
	const ids = (verb: string) =>
		new Set(
			[...log.matchAll(new RegExp(`Worker ${verb} execution (\\d+) \\(job`, 'g'))].map((m) => m[1]),
		);
	return { started: ids('started'), finished: ids('finished') };
}
