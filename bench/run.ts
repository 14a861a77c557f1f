/**
 * `npm run bench`: measures the DigiCert node against n8n's HTTP Request node and a plain fetch
 * loop, in-process through n8n-core's engine, with the fake CertCentral in its own process.
 * Prints the results as markdown and writes them into docs/benchmarks.md (between the results
 * markers). Options: --runs N (in-process runs per variant, default 5), --real-runs N (real n8n,
 * default 3), --no-real (skip the real n8n), --time-scale N and --capped-runs N (the rate-capped
 * run), --pacing-runs N (the pacing jobs, default 1), --no-engine (real n8n only for the
 * speed jobs), --before <dist dir> (another build's node alternating with this one's in real n8n), --quick (fewer runs, everything shorter), --no-write,
 * --only get,returnAll,duplicates,rateCapped,sharedPacing,sharedKey,audit,pacerCpu,coldStart.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { PROJECT_ROOT } from './data';
import type { BenchOptions } from './jobs';
import {
	coldStartJob,
	duplicatesJob,
	getJob,
	rateCappedJob,
	realN8nJob,
	returnAllJob,
} from './jobs';
import type { JobReport } from './report';
import { pacerCpuJob } from './pacerCpu';
import { pacingJobs } from './pacing';
import { machineSection, resultsReport, writeResults } from './report';
import { log, startFake, stopFake } from './runner';

/** The summary's row names, for a run without the in-process jobs (--no-engine). */
const JOB_LABELS: Record<string, string> = {
	get: 'Get Request × 1,000',
	returnAll: 'Return All, 10,000 orders',
	duplicates: 'List Order Duplicates × 500',
};

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = flag('--quick');
const ONLY = option('--only')?.split(',');
const options: BenchOptions = {
	quick: QUICK,
	runs: Number(option('--runs') ?? (QUICK ? 2 : 5)),
	realRuns: Number(option('--real-runs') ?? (QUICK ? 1 : 3)),
	timeScale: Number(option('--time-scale') ?? (QUICK ? 60 : 12)),
	cappedRuns: Number(option('--capped-runs') ?? 1),
	wanted: (name: string) => ONLY === undefined || ONLY.includes(name),
	beforeDist: option('--before'),
};

async function main() {
	if (!existsSync(join(PROJECT_ROOT, 'dist', 'nodes', 'DigiCert', 'DigiCert.node.js')))
		throw new Error('dist/ is missing: run npm run build first');
	const started = Date.now();
	const machine = machineSection(options.runs);
	const sections: string[] = [];
	const targets: string[][] = [];
	const summary = new Map<string, string[]>();
	const add = (job: JobReport) => {
		sections.push(job.section);
		targets.push(...job.targets);
	};

	const fake = await startFake();
	try {
		for (const [name, job] of [
			['get', getJob],
			['returnAll', returnAllJob],
			['duplicates', duplicatesJob],
		] as const) {
			if (!options.wanted(name) || flag('--no-engine')) continue;
			const report = await job(fake, options.runs);
			add(report);
			for (const [key, cells] of report.summary ?? []) summary.set(key, cells);
		}
		if (!flag('--no-real')) {
			const real = await realN8nJob(fake, options);
			add(real);
			for (const [job, cells] of real.summary ?? [])
				summary.set(job, [
					...(summary.get(job) ?? [JOB_LABELS[job] ?? job, '', '', '', '']),
					...cells,
				]);
		}
	} finally {
		await stopFake(fake);
	}
	if (options.wanted('rateCapped')) add(await rateCappedJob(options));
	for (const report of await pacingJobs({
		runs: Number(option('--pacing-runs') ?? 1),
		timeScale: options.timeScale,
		wanted: options.wanted,
	}))
		add(report);
	if (options.wanted('pacerCpu')) add(await pacerCpuJob());
	if (options.wanted('coldStart')) add(await coldStartJob(options.quick));

	const elapsed = ((Date.now() - started) / 1000).toFixed(0);
	const report = resultsReport(machine, summary, targets, sections, elapsed);
	process.stdout.write(`\n${report}\n`);

	if (!flag('--no-write')) writeResults(report);
}

main().catch((error: Error) => {
	log(error.stack ?? error.message);
	process.exit(1);
});
