/**
 * The benchmark's report: the rows and ratios of each job's table, the machine it ran on, and the
 * results section of docs/benchmarks.md, as markdown.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { PROJECT_ROOT } from './data';
import { n8nInstallDir } from './loadNodesBase';
import type { Measurement } from './runner';
import { log } from './runner';
import { formatRange, markdownTable, ratio, summarize } from './stats';
import type { Variant } from './workflows';

export const VARIANT_NAMES: Record<Variant, string> = {
	digicert: 'DigiCert node',
	httpRequest: 'HTTP Request node',
	fetch: 'plain fetch, 10 in flight (floor)',
};

export function requestsText(m: Measurement) {
	const s = summarize(m.requests);
	return s.min === s.max ? String(s.median) : formatRange(s, '');
}

export function variantRows(
	job: string,
	results: Map<Variant, Measurement>,
	perItemOf: number,
	extraName: Partial<Record<Variant, string>> = {},
) {
	const rows: string[][] = [];
	for (const [variant, m] of results) {
		if (m.time.length === 0) {
			rows.push([
				job,
				extraName[variant] ?? VARIANT_NAMES[variant],
				`not measured: ${m.errors[0] ?? 'no runs'}`,
				'',
				'',
				'',
				'',
				'',
				'',
			]);
			continue;
		}
		const time = summarize(m.time);
		const perItem = summarize(m.time.map((t) => (t * 1000) / perItemOf));
		rows.push([
			job,
			extraName[variant] ?? VARIANT_NAMES[variant],
			formatRange(time, 'ms'),
			formatRange(perItem, '', 0) + ' µs',
			formatRange(summarize(m.cpu.map((t) => (t * 1000) / perItemOf)), '', 0) + ' µs',
			requestsText(m),
			formatRange(summarize(m.heapPerItem.map((b) => b / 1024)), '', 1) + ' KB',
			formatRange(summarize(m.retainedPerItem.map((b) => b / 1024)), '', 2) + ' KB',
			String(summarize(m.items).median),
		]);
	}
	return rows;
}

export const TABLE_HEADER = [
	'job',
	'variant',
	'executionTime, median (min–max)',
	'time per item',
	'CPU per item',
	'requests sent',
	'peak heap per item',
	'retained heap per item',
	'items out',
];

export function ratiosLine(results: Map<Variant, Measurement>) {
	const s = (v: Variant) => summarize(results.get(v)?.time ?? []);
	const heap = (v: Variant) => summarize(results.get(v)?.heapPerItem ?? []);
	const retained = (v: Variant) => summarize(results.get(v)?.retainedPerItem ?? []);
	const cpu = (v: Variant) => summarize(results.get(v)?.cpu ?? []);
	const parts = [];
	if (results.has('httpRequest')) {
		parts.push(
			`DigiCert / HTTP Request: time **${ratio(s('digicert'), s('httpRequest'))}**, CPU **${ratio(cpu('digicert'), cpu('httpRequest'))}**, peak heap **${ratio(heap('digicert'), heap('httpRequest'))}**, retained heap **${ratio(retained('digicert'), retained('httpRequest'))}**`,
		);
	}
	if (results.has('fetch'))
		parts.push(
			`DigiCert / fetch floor: time **${ratio(s('digicert'), s('fetch'))}**, CPU **${ratio(cpu('digicert'), cpu('fetch'))}**`,
		);
	return parts.join('; ');
}

export function verdict(ok: boolean | undefined) {
	return ok === undefined ? 'not measured' : ok ? 'met' : '**missed**';
}

function git(argsList: string[]) {
	try {
		return execFileSync('git', argsList, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

function packageVersion(name: string, from = PROJECT_ROOT) {
	try {
		return JSON.parse(
			readFileSync(require.resolve(`${name}/package.json`, { paths: [from] }), 'utf8'),
		).version as string;
	} catch {
		return 'not installed';
	}
}

/** Where and how the numbers were taken. */
export function machineSection(runs: number) {
	const cpu = cpus();
	return [
		`- Machine: ${cpu.length} CPU (\`nproc\`), ${cpu[0]?.model ?? 'unknown'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB memory (${(freemem() / 2 ** 30).toFixed(1)} GB free at start), load average at start ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' / ')}`,
		`- Node ${process.version} (in-process engine); n8n-core ${packageVersion('n8n-core')}, n8n-workflow ${packageVersion('n8n-workflow')}; HTTP Request node from n8n-nodes-base ${packageVersion('n8n-nodes-base', n8nInstallDir())} (typeVersion 4.2)`,
		`- n8n-nodes-digicert at commit ${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--', 'nodes', 'credentials']) ? ' (with uncommitted changes)' : ''}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		`- ${runs} measured runs per variant after one warm-up, variants interleaved; the fake CertCentral runs in its own process on 127.0.0.1`,
	].join('\n');
}

/** What each job adds to the report: its section, its rows of the targets table, its summary row. */
export interface JobReport {
	section: string;
	targets: string[][];
	summary?: Map<string, string[]>;
}

/** The results section of docs/benchmarks.md, between its markers. */
export function resultsReport(
	machine: string,
	summary: Map<string, string[]>,
	targets: string[][],
	sections: string[],
	elapsedSeconds: string,
): string {
	return [
		'<!-- bench:results (written by npm run bench) -->',
		'## Results',
		'',
		machine,
		'',
		'### Summary (executionTime medians; ratios DigiCert / HTTP Request and DigiCert / fetch)',
		'',
		markdownTable(
			[
				'job',
				'DigiCert (engine)',
				'HTTP Request (engine)',
				'ratio',
				'vs fetch',
				'DigiCert (real n8n)',
				'HTTP Request (real n8n)',
				'ratio (real n8n)',
			],
			[...summary.values()].map((row) => [...row, '', '', ''].slice(0, 8)),
		),
		'',
		'### Targets',
		'',
		markdownTable(['target', 'measured', 'verdict'], targets),
		'',
		...sections.flatMap((s) => [s, '']),
		`_Benchmark wall time: ${elapsedSeconds} s._`,
		'<!-- /bench:results -->',
	].join('\n');
}

export function writeResults(report: string) {
	const file = join(PROJECT_ROOT, 'docs', 'benchmarks.md');
	const current =
		existsSync(file) && statSync(file).isFile()
			? readFileSync(file, 'utf8')
			: '# Benchmarks\n\n<!-- bench:results -->\n<!-- /bench:results -->\n';
	const start = current.indexOf('<!-- bench:results');
	const endMarker = '<!-- /bench:results -->';
	const end = current.indexOf(endMarker);
	const next =
		start >= 0 && end > start
			? current.slice(0, start) + report + current.slice(end + endMarker.length)
			: `${current.trimEnd()}\n\n${report}\n`;
	writeFileSync(file, next);
	log(`wrote ${file}`);
}
