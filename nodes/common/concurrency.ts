/**
 * Runs `work` over `inputs` with at most `limit` in flight and returns the results in the order of
 * `inputs`. Once one fails no new work starts; the work in flight finishes, then the failure of the
 * earliest input is thrown, as a sequential run would have thrown it.
 */
export async function mapBounded<T, R>(
	inputs: readonly T[],
	limit: number,
	work: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(inputs.length);
	const errors: Array<{ index: number; error: unknown }> = [];
	let next = 0;
	const worker = async () => {
		while (errors.length === 0 && next < inputs.length) {
			const index = next++;
			try {
				results[index] = await work(inputs[index], index);
			} catch (error) {
				errors.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
	if (errors.length > 0) throw errors.sort((a, b) => a.index - b.index)[0].error;
	return results;
}
