/** Small pure helpers for the benchmark: summaries, the rate-limit lower bound, and table formatting. */

export interface Summary {
	median: number;
	min: number;
	max: number;
	runs: number;
}

export function summarize(values: number[]): Summary {
	if (values.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median =
		sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values.length };
}

/**
 * The earliest time (ms after the first send) the `count`-th request can go out when every window
 * allows at most `limit` sends in any `ms` span and sending itself takes no time: request i may
 * go at max over windows of (send time of request i - limit) + ms.
 */
export function minimumSendTime(
	count: number,
	windows: Array<{ limit: number; ms: number }>,
): number {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		let at = 0;
		for (const { limit, ms } of windows) if (i >= limit) at = Math.max(at, times[i - limit] + ms);
		times.push(at);
	}
	return times.length > 0 ? times[times.length - 1] : 0;
}

/** A markdown table; numbers are printed as given (format them first). */
export function markdownTable(header: string[], rows: string[][]): string {
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "1.23 s (1.10–1.40)" style: median with min and max. */
export function formatRange(
	summary: Summary,
	unit: 'ms' | 's' | 'KB' | 'B' | '',
	digits = 0,
): string {
	if (summary.runs === 0 || Number.isNaN(summary.median)) return 'n/a';
	const f = (v: number) => v.toFixed(digits);
	const suffix = unit ? ` ${unit}` : '';
	if (summary.runs === 1) return `${f(summary.median)}${suffix}`;
	return `${f(summary.median)}${suffix} (${f(summary.min)}–${f(summary.max)})`;
}

/** The ratio of two medians, e.g. "0.82×". */
export function ratio(a: Summary, b: Summary): string {
	if (!(a.runs > 0 && b.runs > 0) || !(b.median > 0)) return 'n/a';
	return `${(a.median / b.median).toFixed(2)}×`;
}
