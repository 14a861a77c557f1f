/**
 * Where the time goes: a V8 CPU profile (`node --cpu-prof`) summed by self time into the parts a
 * reader can act on (this package, n8n's expression engine, the rest of n8n, the HTTP client, Node
 * itself, garbage collection), with this package's costliest functions named.
 *
 * `node .cache/bench/bench/profile.js <file.cpuprofile>...` prints the summary of profiles made
 * elsewhere (the real-n8n job writes them with `--profile`).
 */
import { readFileSync } from 'node:fs';

import { markdownTable } from './stats';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** The parts of a profile, in the order they are printed; the first whose test matches a frame wins. */
const PARTS: Array<[string, (url: string, name: string) => boolean]> = [
	[
		'this package',
		(url) =>
			url.includes('node_modules/n8n-nodes-digicert/') ||
			(!url.includes('node_modules') && /\/(nodes|credentials)\//.test(url)),
	],
	[
		"n8n's expression engine",
		(url) => /expression|tournament|tmpl|esprima|recast|ast-types|isolated-vm/i.test(url),
	],
	['n8n-workflow (other)', (url) => /n8n-workflow/.test(url)],
	['n8n-core', (url) => /n8n-core/.test(url)],
	['HTTP client (axios, follow-redirects)', (url) => /axios|follow-redirects|form-data/.test(url)],
	['other n8n (CLI, DB, nodes-base)', (url) => /[\\/](n8n|@n8n|n8n-nodes-base)[\\/]/.test(url)],
	['garbage collection', (_url, name) => name === '(garbage collector)'],
	['idle', (_url, name) => name === '(idle)'],
	[
		'Node.js itself (net, streams, timers)',
		(url, name) => url.startsWith('node:') || name === '(program)',
	],
	['native code (sockets, V8 built-ins: no script of its own)', (url) => url === ''],
	['other', () => true],
];

export interface ProfileSummary {
	totalMs: number;
	parts: Array<{ part: string; ms: number }>;
	/** This package's functions by self time. */
	packageTop: Array<{ fn: string; ms: number }>;
}

export function summarizeCpuProfile(profile: CpuProfile): ProfileSummary {
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) =>
		self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
	);
	const parts = new Map<string, number>(PARTS.map(([name]) => [name, 0]));
	const own = new Map<string, number>();
	let total = 0;
	for (const node of profile.nodes) {
		const us = self.get(node.id) ?? 0;
		if (us === 0) continue;
		const { url, functionName, lineNumber } = node.callFrame;
		const part = PARTS.find(([, test]) => test(url, functionName))![0];
		parts.set(part, parts.get(part)! + us);
		if (part !== 'idle') total += us;
		if (part === 'this package') {
			const file = url.replace(/^.*\/(nodes|credentials)\//, '$1/');
			const key = `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})`;
			own.set(key, (own.get(key) ?? 0) + us);
		}
	}
	return {
		totalMs: total / 1000,
		parts: [...parts].map(([part, us]) => ({ part, ms: us / 1000 })),
		packageTop: [...own]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 8)
			.map(([fn, us]) => ({ fn, ms: us / 1000 })),
	};
}

export function readCpuProfile(file: string): ProfileSummary {
	return summarizeCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
}

/** Side by side: one column per profile (e.g. the DigiCert node's run and the HTTP Request node's). */
export function profileTable(columns: Array<{ name: string; summary: ProfileSummary }>): string {
	const rows = PARTS.map(([part]) => [
		part,
		...columns.map(({ summary }) => {
			const ms = summary.parts.find((p) => p.part === part)?.ms ?? 0;
			return `${ms.toFixed(0)} ms`;
		}),
	]);
	rows.push([
		'**CPU in all (without idle)**',
		...columns.map(({ summary }) => `**${summary.totalMs.toFixed(0)} ms**`),
	]);
	return markdownTable(['self time in', ...columns.map((c) => c.name)], rows);
}

export function packageTopTable(summary: ProfileSummary): string {
	return markdownTable(
		['this package: function (file:line)', 'self time'],
		summary.packageTop.map(({ fn, ms }) => [`\`${fn}\``, `${ms.toFixed(1)} ms`]),
	);
}

if (require.main === module) {
	const files = process.argv.slice(2);
	const columns = files.map((file) => ({
		name: file.split('/').pop()!,
		summary: readCpuProfile(file),
	}));
	process.stdout.write(`${profileTable(columns)}\n\n`);
	for (const { name, summary } of columns)
		process.stdout.write(`${name}\n\n${packageTopTable(summary)}\n\n`);
}
