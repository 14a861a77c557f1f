/**
 * The worker side of the pacing jobs (bench/pacing.ts): executions started at the same moment in
 * this one process, through n8n's engine, in scaled time. The node under test paces on a clock that
 * runs `timeScale` times faster than the real one (as the fake does), so DigiCert's windows keep
 * their real numbers.
 */
import type { INode } from 'n8n-workflow';

import { BENCH_DATA } from './data';
import type { Target } from './workflows';
import { DIGICERT_TYPE } from './workflows';
import { REAL_CLOCK } from '../nodes/common/clock';
import { keyPacers } from '../nodes/common/rateLimiter';
import { digiCertNode, inputNodes, runWorkflow } from '../test/helpers/engine';

export type PacingJob = 'concurrent' | 'audit' | 'sharedKey';
export type PacingVariant = 'shared' | 'oldExample' | 'includeDuplicates';

export interface PacingRequest {
	id: number;
	pacing: PacingJob;
	variant: PacingVariant;
	target: Target;
	timeScale: number;
	/** sharedKey: this process's request IDs (one execution of Get Requests, one item per ID). */
	ids?: number[];
}

export interface PacingAnswer {
	id: number;
	ok: boolean;
	error?: string;
	/** Wall time of the whole job, scaled back to DigiCert's time (ms). */
	wallMs?: number;
	/** When each execution finished, scaled back (ms from the start). */
	finishedMs?: number[];
	items?: number[];
	/** sharedKey: whether every item came out, in the input's order. */
	inOrder?: boolean;
}

function scaledClock(scale: number) {
	const start = Date.now();
	return {
		now: () => start + (Date.now() - start) * scale,
		sleep: async (ms: number, wake: AbortSignal) => await REAL_CLOCK.sleep(ms / scale, wake),
	};
}

function executions(request: PacingRequest): INode[][] {
	const { variant } = request;
	if (request.pacing === 'sharedKey') {
		const node = digiCertNode({
			resource: 'request',
			operation: 'get',
			requestId: '={{ $json.id }}',
		});
		return [[...inputNodes(request.ids!.map((id) => ({ id }))), { ...node, type: DIGICERT_TYPE }]];
	}
	if (request.pacing === 'audit') {
		const getMany = digiCertNode({
			resource: 'order',
			operation: 'getMany',
			returnAll: true,
			options: variant === 'includeDuplicates' ? { includeDuplicates: true } : {},
		});
		if (variant === 'includeDuplicates') return [[...inputNodes([{}]), getMany]];
		const listDuplicates = {
			...digiCertNode({
				resource: 'order',
				operation: 'listDuplicates',
				orderId: '={{ $json.id }}',
			}),
			id: 'dup',
			name: 'List Order Duplicates',
			position: [600, 0] as [number, number],
		};
		return [[...inputNodes([{}]), { ...getMany, name: 'Get Many Orders' }, listDuplicates]];
	}
	const { concurrentExecutions, requestsPerExecution, firstConcurrentRequestId } = BENCH_DATA;
	return Array.from({ length: concurrentExecutions }, (_, e) => {
		const ids = Array.from({ length: requestsPerExecution }, (_, i) => ({
			id: firstConcurrentRequestId + e * requestsPerExecution + i,
		}));
		const node = digiCertNode({
			resource: 'request',
			operation: 'get',
			requestId: '={{ $json.id }}',
		});
		return [...inputNodes(ids), { ...node, type: DIGICERT_TYPE }];
	});
}

export async function runPacing(request: PacingRequest): Promise<PacingAnswer> {
	const { id, target, timeScale } = request;
	const clock = scaledClock(timeScale);
	keyPacers.reset(clock);
	const credentials = {
		digiCertApi: { region: 'custom', baseUrl: target.baseUrl, apiKey: target.apiKey },
	};
	const started = clock.now();
	const finishedMs: number[] = [];
	try {
		const runs = await Promise.all(
			executions(request).map(async (nodes) => {
				const run = await runWorkflow(nodes, { credentials });
				finishedMs.push(clock.now() - started);
				return run;
			}),
		);
		const failed = runs.find((run) => run.error);
		if (failed) return { id, ok: false, error: failed.error!.message };
		const ids = request.ids;
		return {
			id,
			ok: true,
			wallMs: clock.now() - started,
			finishedMs: finishedMs.sort((a, b) => a - b),
			items: runs.map((run) => run.items().length),
			inOrder:
				ids === undefined ||
				JSON.stringify(runs[0].items().map((item) => item.json.id)) === JSON.stringify(ids),
		};
	} finally {
		keyPacers.reset(REAL_CLOCK);
	}
}
