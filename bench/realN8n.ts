/**
 * The same jobs in a real n8n (the pinned 2.41.1 of the end-to-end tests, on its Node 24), through
 * the shared runner (test/e2e/support/n8n.js): the package installed under its published name,
 * one credential, one workflow per job and variant, each run with `n8n execute --id --rawOutput`.
 * Time is the job nodes' executionTime from the run data; memory is the n8n process's peak RSS
 * (VmHWM from /proc), also over a baseline workflow that only builds the input items.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { INode } from 'n8n-workflow';

import type { N8nHome } from '../test/e2e/support/n8n';
import { PROJECT_ROOT, expectedItems } from './data';
import type { JobName, Target, Variant } from './workflows';
import { inputItems, jobNodes } from './workflows';

const runner = require(
	join(PROJECT_ROOT, 'test', 'e2e', 'support', 'n8n'),
) as typeof import('../test/e2e/support/n8n');

export interface RealRun {
	ok: boolean;
	error?: string;
	timeMs?: number;
	items?: number;
	peakRssBytes?: number;
	/** Wall time of the whole `n8n execute` process (start-up included). */
	processMs?: number;
	/** CPU time of the whole `n8n execute` process (sampled every 25 ms until it exits). */
	cpuMs?: number;
}

const CREDENTIAL = { id: 'benchCredential1', name: 'DigiCert bench' };

/** Manual Trigger → Set (the input as one JSON array) → Split Out: the items, without a Code node or task runner. */
function inputChain(job: JobName): INode[] {
	const trigger: INode = {
		id: 'trigger',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	if (job === 'returnAll') return [trigger];
	return [
		trigger,
		{
			id: 'input-set',
			name: 'Input',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ items: inputItems(job) }),
				options: {},
			},
		},
		{
			id: 'input-split',
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} },
		},
	];
}

export function workflowId(job: JobName, variant: Variant | 'baseline') {
	return `bench${job[0].toUpperCase()}${job.slice(1)}${variant[0].toUpperCase()}${variant.slice(1)}`.slice(
		0,
		21,
	);
}

/** The workflow for n8n's import: the input chain, then the job's nodes, connected in a line. */
export function workflowFor(job: JobName, variant: Variant | 'baseline', target: Target) {
	const jobPart = variant === 'baseline' ? [] : (jobNodes(job, variant, target) ?? []);
	const nodes = [
		...inputChain(job),
		...jobPart.map((n, i) => ({
			...n,
			id: `job-${i}`,
			position: [600 + 200 * i, 0] as [number, number],
		})),
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id: workflowId(job, variant),
		name: `Benchmark ${job} ${variant}`,
		active: false,
		nodes: nodes.map((n) =>
			n.credentials ? { ...n, credentials: { digiCertApi: CREDENTIAL } } : n,
		),
		connections,
		settings: { executionOrder: 'v1' },
		jobNodeNames: jobPart.map((n) => n.name),
	};
}

function freePort() {
	return runner.freePort();
}

function vmHwm(pid: number): number | undefined {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** The process's CPU time so far (user + system), in ms; clock ticks are 10 ms on Linux. */
function cpuTimeMs(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

/** `n8n execute --id --rawOutput`, watching the process's peak RSS (the runner's own `run` does not expose the process). */
async function executeWatched(home: N8nHome, id: string, profileFile?: string) {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		...home.env,
		PATH: `${join(home.n8n.node, '..')}:${process.env.PATH ?? ''}`,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_PORT: String(await freePort()),
	};
	// As the runner does: a test runner's environment must not leak into n8n.
	for (const name of ['NODE_OPTIONS', 'NODE_ENV', 'JEST_WORKER_ID'])
		if (!(name in home.env)) delete env[name];
	const dir = await fsp.mkdtemp(join(home.userFolder, '.bench-'));
	const outFile = join(dir, 'stdout');
	const errFile = join(dir, 'stderr');
	const out = openSync(outFile, 'w');
	const err = openSync(errFile, 'w');
	const started = performance.now();
	let peak = 0;
	let cpuMs = 0;
	const code = await new Promise<number | null>((resolve, reject) => {
		const profile = profileFile
			? [
					'--cpu-prof',
					`--cpu-prof-dir=${dirname(profileFile)}`,
					`--cpu-prof-name=${basename(profileFile)}`,
				]
			: [];
		const args = [...profile, home.n8n.n8nBin, 'execute', `--id=${id}`, '--rawOutput'];
		const child = spawn(home.n8n.node, args, {
			env,
			cwd: home.userFolder,
			stdio: ['ignore', out, err],
		});
		const timer = setInterval(() => {
			const hwm = child.pid ? vmHwm(child.pid) : undefined;
			if (hwm !== undefined && hwm > peak) peak = hwm;
			const cpu = child.pid ? cpuTimeMs(child.pid) : undefined;
			if (cpu !== undefined) cpuMs = cpu;
		}, 25);
		child.on('error', reject);
		child.on('exit', (exitCode, signal) => {
			clearInterval(timer);
			resolve(exitCode ?? (signal ? -1 : null));
		});
	});
	closeSync(out);
	closeSync(err);
	const processMs = performance.now() - started;
	const stdout = await fsp.readFile(outFile, 'utf8');
	const run = runner.parseRunOutput(stdout);
	const stderr =
		code === 0
			? ''
			: `${stdout.slice(0, 2000)}\n${(await fsp.readFile(errFile, 'utf8')).slice(-2000)}`;
	await fsp.rm(dir, { recursive: true, force: true });
	return { code, run, processMs, peakRssBytes: peak, cpuMs, stderr };
}

export interface RealN8nSession {
	home: N8nHome;
	version: string;
	node: string;
	/** `profileFile`: write a CPU profile of the whole `n8n execute` process there. */
	run(job: JobName, variant: Variant | 'baseline', profileFile?: string): Promise<RealRun>;
	cleanup(): Promise<void>;
}

/**
 * A real n8n with the package, the credential and every benchmark workflow imported. `dist`: another
 * build of the package (e.g. an earlier commit's, for before and after in one run) in place of this one's.
 */
export async function startRealN8n(
	target: Target,
	jobs: Array<[JobName, Array<Variant | 'baseline'>]>,
	dist?: string,
): Promise<RealN8nSession> {
	const home = await runner.createN8nHome({ major: 2, quietInstall: true });
	if (dist !== undefined) {
		const installed = join(
			home.userFolder,
			'.n8n',
			'nodes',
			'node_modules',
			'n8n-nodes-digicert',
			'dist',
		);
		await fsp.rm(installed, { recursive: true, force: true });
		await fsp.cp(dist, installed, { recursive: true });
	}
	await home.importCredential({
		...CREDENTIAL,
		type: 'digiCertApi',
		data: { region: 'custom', baseUrl: target.baseUrl, apiKey: target.apiKey },
	});
	const workflows = jobs.flatMap(([job, variants]) =>
		variants.map((v) => workflowFor(job, v, target)),
	);
	await home.importWorkflow(workflows.map(({ jobNodeNames: _names, ...w }) => w));
	const nodeVersion = await new Promise<string>((resolve) => {
		const child = spawn(home.n8n.node, ['--version']);
		let text = '';
		child.stdout.on('data', (c) => (text += c));
		child.on('close', () => resolve(text.trim()));
	});
	return {
		home,
		version: home.n8n.version,
		node: nodeVersion,
		async run(job, variant, profileFile) {
			const workflow = workflowFor(job, variant, target);
			const { code, run, processMs, peakRssBytes, cpuMs, stderr } = await executeWatched(
				home,
				workflow.id,
				profileFile,
			);
			const runData = run?.data?.resultData?.runData ?? {};
			// n8n sometimes ends by a signal after printing a successful run: the printed run decides.
			const succeeded =
				run !== undefined &&
				run.data?.resultData?.error === undefined &&
				(code === 0 || code === -1);
			if (!succeeded) {
				const message =
					run?.data?.resultData?.error?.message ??
					`n8n execute exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`;
				return { ok: false, error: message, processMs, peakRssBytes, cpuMs };
			}
			const last = workflow.nodes[workflow.nodes.length - 1].name;
			const items = (runData[last]?.[0]?.data?.main?.[0] ?? []).length as number;
			const timeMs = workflow.jobNodeNames.reduce(
				(sum, name) => sum + Number(runData[name]?.[0]?.executionTime ?? 0),
				0,
			);
			if (variant !== 'baseline' && items !== expectedItems(job)) {
				return {
					ok: false,
					error: `output ${items} items instead of ${expectedItems(job)}`,
					processMs,
					peakRssBytes,
					cpuMs,
				};
			}
			return { ok: true, timeMs, items, peakRssBytes, processMs, cpuMs };
		},
		cleanup: () => home.cleanup(),
	};
}
