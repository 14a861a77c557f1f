/**
 * The pacer's own CPU per request, at 10, 100 and 1,000 requests a second, with Rate Limit Off and
 * with a Custom limit of 1,000 a second: it must not grow with the traffic. The pacer runs alone
 * (no network, no n8n) on a clock that jumps ahead instead of waiting, for 200 s of traffic each
 * (longer than DigiCert's 3-minute window, so whatever the pacer keeps has reached its steady size).
 *
 * `node .cache/bench/bench/pacerCpu.js [path/to/rateLimiter.js]` measures another build of the pacer
 * (e.g. an older commit's) with the same traffic; a run over its CPU budget is reported as such.
 */
import { customRateWindow } from '../nodes/DigiCert/shared/requestOptions';
import type { Clock } from '../nodes/common/clock';
import type { RateWindow } from '../nodes/common/rateLimiter';
import type { JobReport } from './report';
import { verdict } from './report';
import { log } from './runner';
import { markdownTable } from './stats';

interface PacerModule {
	KeyPacer: new (clock: Clock) => {
		lane(options: {
			windows: RateWindow[];
			maxBlockedWaitMs: number;
			firstBlockedWaitMs: number;
		}): { acquire(): Promise<{ settle(outcome: 'answered'): void }> };
	};
}

const RATES = [10, 100, 1000];
const SECONDS = 200;
/** A run stops once it has used this much CPU (the pacer before the fix never finished 1,000/s). */
const CPU_BUDGET_MS = 15_000;

const MODES: Array<{ name: string; windows: () => RateWindow[] }> = [
	{ name: 'Rate Limit Off', windows: () => [] },
	// A new array per execution, as the node built it before the fix.
	{ name: 'Custom, 1,000 per second', windows: () => [customRateWindow(1000)] },
];

/** Time moves only forward: with the traffic, and at once over any wait the pacer asks for. */
function jumpingClock() {
	const clock = {
		time: 0,
		now: () => clock.time,
		sleep: async (ms: number) => {
			clock.time += Math.max(0, ms);
			await new Promise((resolve) => setImmediate(resolve));
		},
	};
	return clock;
}

/** CPU per request (µs), or undefined when the run went over its budget; `sent` says how far it got. */
async function measureOne(module: PacerModule, windows: RateWindow[], rate: number) {
	const clock = jumpingClock();
	const pacer = new module.KeyPacer(clock);
	const total = rate * SECONDS;
	const started = process.cpuUsage();
	const cpuMs = () => {
		const used = process.cpuUsage(started);
		return (used.user + used.system) / 1000;
	};
	let sent = 0;
	// Each request is one execution's (a lane each), as when many short workflows share a key.
	for (; sent < total; sent++) {
		clock.time = Math.max(clock.time, (sent * 1000) / rate);
		const lane = pacer.lane({ windows, maxBlockedWaitMs: 360_000, firstBlockedWaitMs: 1000 });
		(await lane.acquire()).settle('answered');
		if (sent % 1000 === 999 && cpuMs() > CPU_BUDGET_MS) break;
	}
	const finished = sent >= total;
	return { perRequestUs: (cpuMs() * 1000) / Math.max(1, sent), sent, total, finished };
}

export async function measurePacerCpu(module: PacerModule) {
	const rows: string[][] = [];
	const perRequest: number[] = [];
	for (const mode of MODES) {
		for (const rate of RATES) {
			const r = await measureOne(module, mode.windows(), rate);
			log(
				`pacer CPU, ${mode.name}, ${rate}/s: ${r.perRequestUs.toFixed(1)} µs per request (${r.sent} of ${r.total})`,
			);
			perRequest.push(r.finished ? r.perRequestUs : Infinity);
			rows.push([
				mode.name,
				`${rate} / s`,
				r.finished
					? `${r.perRequestUs.toFixed(1)} µs`
					: `did not finish: ${r.sent} of ${r.total} requests in ${CPU_BUDGET_MS / 1000} s of CPU (${r.perRequestUs.toFixed(0)} µs each so far)`,
				r.finished ? `${((r.perRequestUs * rate) / 1000).toFixed(2)} ms` : 'n/a',
			]);
		}
	}
	return { rows, perRequest };
}

export async function pacerCpuJob(): Promise<JobReport> {
	log('pacer CPU per request');
	const module = require('../nodes/common/rateLimiter') as PacerModule;
	const { rows, perRequest } = await measurePacerCpu(module);
	const flat = MODES.every((_, m) => {
		const [low, , high] = perRequest.slice(m * RATES.length, (m + 1) * RATES.length);
		return high <= 2 * low;
	});
	const section = `### The pacer's CPU per request (issue 28 item 8)\n\nThe pacer alone (no network, no n8n), one execution per request, ${SECONDS} s of traffic per cell on a clock that jumps over waits; CPU time of the process divided by the requests.\n\n${markdownTable(
		['Rate Limit', 'traffic', 'pacer CPU per request', 'pacer CPU per second of traffic'],
		rows,
	)}`;
	return {
		section,
		targets: [
			[
				'Pacer CPU per request flat from 10/s to 1,000/s (≤ 2× at 1,000/s)',
				perRequest.map((us) => (Number.isFinite(us) ? us.toFixed(1) : '∞')).join(' / ') + ' µs',
				verdict(flat),
			],
		],
	};
}

if (require.main === module) {
	const path = process.argv[2];
	const module = require(path ?? '../nodes/common/rateLimiter') as PacerModule;
	void measurePacerCpu(module).then(({ rows }) =>
		process.stdout.write(
			`${markdownTable(['Rate Limit', 'traffic', 'pacer CPU per request', 'pacer CPU per second of traffic'], rows)}\n`,
		),
	);
}
