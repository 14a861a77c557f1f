/**
 * The one check that an API key leaked nowhere: in items, errors (every field, the stack and the
 * causes), log lines, files or process output.
 */

/** Everything `value` holds, as one text: strings and buffers as they are, errors with every field. */
export function shownText(value: unknown, depth = 0): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (Buffer.isBuffer(value)) return value.toString('latin1');
	if (Array.isArray(value)) return value.map((entry) => shownText(entry, depth)).join('\n');
	// An error, or what is left of one after a trip through JSON: every part a user or operator could see.
	if (
		value instanceof Error ||
		(typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string')
	) {
		const error = value as Error & { description?: unknown };
		return [
			// As n8n serializes it (toJSON), and with every own field (errorResponse, messages, ...).
			JSON.stringify(error),
			JSON.stringify({ ...error }),
			error.message,
			String(error.description ?? ''),
			error.stack ?? '',
			depth < 5 ? shownText(error.cause, depth + 1) : '',
		].join('\n');
	}
	return JSON.stringify(value) ?? String(value);
}

/** Fails when any of `keys` appears anywhere in `where` (see shownText). */
export function expectNoKey(where: unknown, keys: string | string[]): void {
	const text = shownText(where);
	for (const key of [keys].flat()) expect(text).not.toContain(key);
}
