import { mapBounded } from '../../../nodes/common/concurrency';

describe('mapBounded', () => {
	it('keeps the input order and never runs more than the limit at once', async () => {
		let running = 0;
		let most = 0;
		const out = await mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
			running++;
			most = Math.max(most, running);
			await new Promise((resolve) => setImmediate(resolve));
			running--;
			return n * 10;
		});
		expect(out).toEqual([10, 20, 30, 40, 50, 60, 70]);
		expect(most).toBe(3);
	});

	it('starts no new work after a failure and throws the earliest failing input, as a sequential run would', async () => {
		const started: number[] = [];
		const run = mapBounded([0, 1, 2, 3, 4, 5, 6, 7], 2, async (n, index) => {
			started.push(index);
			await new Promise((resolve) => setImmediate(resolve));
			if (n === 1 || n === 2) throw new Error(`input ${n} failed`);
			return n;
		});
		await expect(run).rejects.toThrow('input 1 failed');
		expect(started).toEqual([0, 1, 2]);
	});
});
