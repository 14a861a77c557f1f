import { formatRange, markdownTable, minimumSendTime, ratio, summarize } from '../../bench/stats';

describe('summarize', () => {
	it('gives the median (middle value, or mean of the two middle values), min and max', () => {
		expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
		expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
		expect(summarize([]).runs).toBe(0);
	});
});

describe('minimumSendTime', () => {
	it('is 0 while every window has room', () => {
		expect(minimumSendTime(100, [{ limit: 100, ms: 5000 }])).toBe(0);
	});

	it('makes request limit+1 wait until the first leaves the window', () => {
		expect(minimumSendTime(101, [{ limit: 100, ms: 5000 }])).toBe(5000);
	});

	it("gives 765 s for 5,000 requests under DigiCert's 100 / 5 s and 1000 / 3 min", () => {
		// 1000 go in ten bursts by 45 s; each later thousand starts 180 s after the one before.
		const windows = [
			{ limit: 100, ms: 5000 },
			{ limit: 1000, ms: 180_000 },
		];
		expect(minimumSendTime(1000, windows)).toBe(45_000);
		expect(minimumSendTime(5000, windows)).toBe(4 * 180_000 + 45_000);
	});
});

describe('formatting', () => {
	it('prints median with min and max, and ratios of medians', () => {
		expect(formatRange(summarize([1, 2, 3]), 'ms')).toBe('2 ms (1–3)');
		expect(formatRange(summarize([2]), 'ms')).toBe('2 ms');
		expect(formatRange(summarize([]), 'ms')).toBe('n/a');
		expect(ratio(summarize([1]), summarize([2]))).toBe('0.50×');
		expect(ratio(summarize([1]), summarize([]))).toBe('n/a');
	});

	it('builds a markdown table', () => {
		expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
	});
});
