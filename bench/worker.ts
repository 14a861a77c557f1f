/**
 * One benchmark worker process: runs one variant of a job when the orchestrator asks (over IPC),
 * through n8n-core's engine in-process (test/helpers/engine.ts) or as a plain fetch loop, and
 * answers with the node's executionTime and the peak heap above the pre-run baseline.
 * Started with --expose-gc so each run begins from a collected heap.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

import { inputNodes, registerNodeType, runWorkflow } from '../test/helpers/engine';
import { DIGICERT_RATE_WINDOWS } from '../nodes/common/rateLimiter';

import type { JobName, Target, Variant } from './workflows';
import { HTTP_REQUEST_TYPE, SPLIT_OUT_TYPE, inputItems, jobNodes } from './workflows';
import { loadNodesBase } from './loadNodesBase';
import type { PacingRequest } from './pacingWorker';
import { runPacing } from './pacingWorker';

export interface RunRequest {
	id: number;
	job: JobName;
	variant: Variant;
	target: Target;
	/** Divide the node's rate-limit windows by this (the rate-capped job runs in scaled time). */
	timeScale?: number;
	/** Write a CPU profile of the run here (node:inspector, the same format as `--cpu-prof`). */
	profileFile?: string;
}

export interface RunAnswer {
	id: number;
	ok: boolean;
	error?: string;
	/** executionTime of the job's node(s), or the fetch loop's wall time. */
	timeMs?: number;
	/** Wall time of the whole workflow run. */
	wallMs?: number;
	/** CPU time (user + system) this process spent during the run: less sensitive to a busy machine than wall time. */
	cpuMs?: number;
	items?: number;
	heapPeakBytes?: number;
	rssPeakBytes?: number;
	/** Heap still used, after a full collection, while the run's result is held. */
	retainedBytes?: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** Samples heap and RSS while `work` runs; returns the peaks above the starting heap. */
async function measured<T>(work: () => Promise<T>) {
	gc();
	gc();
	const baseHeap = process.memoryUsage().heapUsed;
	let heapPeak = baseHeap;
	let rssPeak = process.memoryUsage.rss();
	const sample = () => {
		const { heapUsed, rss } = process.memoryUsage();
		if (heapUsed > heapPeak) heapPeak = heapUsed;
		if (rss > rssPeak) rssPeak = rss;
	};
	const timer = setInterval(sample, 5);
	const cpuStart = process.cpuUsage();
	const started = performance.now();
	try {
		const result = await work();
		const wallMs = performance.now() - started;
		const cpu = process.cpuUsage(cpuStart);
		sample();
		clearInterval(timer);
		// What stays after a full collection while the run's data is still held (n8n keeps it).
		gc();
		gc();
		const retainedBytes = process.memoryUsage().heapUsed - baseHeap;
		return {
			result,
			wallMs,
			cpuMs: (cpu.user + cpu.system) / 1000,
			heapPeakBytes: heapPeak - baseHeap,
			rssPeakBytes: rssPeak,
			retainedBytes,
		};
	} finally {
		clearInterval(timer);
	}
}

/** The floor: the same GETs with Node's fetch, 10 in flight, each body parsed. */
async function fetchLoop(job: JobName, target: Target): Promise<number> {
	if (job !== 'get') throw new Error('the fetch floor is measured for the Get Request job only');
	const items = inputItems(job);
	let next = 0;
	const bodies: unknown[] = new Array(items.length);
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			const response = await fetch(`${target.baseUrl}/request/${String(items[index].id)}`, {
				headers: { 'X-DC-DEVKEY': target.apiKey, Accept: 'application/json' },
			});
			if (!response.ok) throw new Error(`HTTP ${response.status}`);
			bodies[index] = await response.json();
		}
	};
	await Promise.all(Array.from({ length: 10 }, worker));
	return bodies.length;
}

let nodesBaseLoaded: true | string | undefined;
function ensureNodesBase(): true | string {
	if (nodesBaseLoaded === undefined) {
		const loaded = loadNodesBase();
		if ('error' in loaded) nodesBaseLoaded = loaded.error;
		else {
			registerNodeType(HTTP_REQUEST_TYPE, loaded.httpRequest as never);
			registerNodeType(SPLIT_OUT_TYPE, loaded.splitOut as never);
			nodesBaseLoaded = true;
		}
	}
	return nodesBaseLoaded;
}

const DEFAULT_WINDOWS = DIGICERT_RATE_WINDOWS.map((w) => ({ ...w }));

/** Runs `work` under V8's CPU profiler and writes the profile to `file` (when given). */
async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
	if (file === undefined) return await work();
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((resolve, reject) =>
			session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
		);
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 500 });
	await post('Profiler.start');
	try {
		return await work();
	} finally {
		const { profile } = (await post('Profiler.stop')) as { profile: unknown };
		writeFileSync(file, JSON.stringify(profile));
		session.disconnect();
	}
}

async function runOne(request: RunRequest): Promise<RunAnswer> {
	const { id, job, variant, target } = request;
	// The node's own windows, scaled like the fake's (an exported array: scaled in place for this run only).
	DEFAULT_WINDOWS.forEach(
		(w, i) => (DIGICERT_RATE_WINDOWS[i].ms = w.ms / (request.timeScale ?? 1)),
	);

	if (variant === 'fetch') {
		const m = await measured(() => fetchLoop(job, target));
		return {
			id,
			ok: true,
			timeMs: m.wallMs,
			wallMs: m.wallMs,
			cpuMs: m.cpuMs,
			items: m.result,
			heapPeakBytes: m.heapPeakBytes,
			rssPeakBytes: m.rssPeakBytes,
			retainedBytes: m.retainedBytes,
		};
	}
	if (variant === 'httpRequest') {
		const loaded = ensureNodesBase();
		if (loaded !== true) return { id, ok: false, error: loaded };
	}
	const nodes = jobNodes(job, variant, target);
	if (nodes === undefined) return { id, ok: false, error: `no ${variant} variant of ${job}` };
	const workflow = [
		...inputNodes(inputItems(job)),
		...nodes.map((n, i) => ({ ...n, position: [400 + 200 * i, 0] as [number, number] })),
	];
	const credentials = {
		digiCertApi: { region: 'custom', baseUrl: target.baseUrl, apiKey: target.apiKey },
	};
	const m = await measured(() =>
		profiled(request.profileFile, () => runWorkflow(workflow, { credentials })),
	);
	const run = m.result;
	if (run.error) return { id, ok: false, error: run.error.message };
	const timeMs = nodes.reduce(
		(sum, node) => sum + (run.taskData(node.name)?.executionTime ?? 0),
		0,
	);
	return {
		id,
		ok: true,
		timeMs,
		wallMs: m.wallMs,
		cpuMs: m.cpuMs,
		items: run.items().length,
		heapPeakBytes: m.heapPeakBytes,
		rssPeakBytes: m.rssPeakBytes,
		retainedBytes: m.retainedBytes,
	};
}

process.on('message', (request: RunRequest | PacingRequest) => {
	('pacing' in request ? runPacing(request) : runOne(request)).then(
		(answer) => process.send!(answer),
		(error: Error) =>
			process.send!({ id: request.id, ok: false, error: error.stack ?? error.message }),
	);
});
process.send!({ ready: true });
