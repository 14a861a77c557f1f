/**
 * Everything that keeps the API key out of what the nodes show: items, errors, headers, file names.
 * One file so that a security review can read it alone. Every function takes the key itself; the
 * rules are here: the whole key, any piece of it MIN_KEY_FRAGMENT characters or longer, and the
 * same percent-encoded (once or more).
 */
import type { IDataObject } from 'n8n-workflow';

export const REDACTED = '[redacted]';

/**
 * The shortest piece of the key that is still replaced. A shorter piece, cut from either end of the
 * key or from its middle, leaves too much of a 32-character key unknown to help guess it; and
 * shorter pieces would match ordinary text (dates, IDs) and garble messages.
 */
export const MIN_KEY_FRAGMENT = 8;

/**
 * Replaces the secret wherever it appears in `text`, and every piece of it MIN_KEY_FRAGMENT or more
 * characters long: what someone else cut (DigiCert, a proxy, n8n, a log line) cannot leak most of it.
 */
export function redact(text: string, secret: string): string {
	if (secret.length < 4) return text;
	const whole = text.includes(secret) ? text.split(secret).join(REDACTED) : text;
	if (secret.length <= MIN_KEY_FRAGMENT) return whole;
	// Every stretch of `whole` covered by some MIN_KEY_FRAGMENT-long piece of the key.
	const stretches: Array<[number, number]> = [];
	for (let start = 0; start + MIN_KEY_FRAGMENT <= secret.length; start++) {
		const piece = secret.slice(start, start + MIN_KEY_FRAGMENT);
		for (let at = whole.indexOf(piece); at !== -1; at = whole.indexOf(piece, at + 1))
			stretches.push([at, at + MIN_KEY_FRAGMENT]);
	}
	if (stretches.length === 0) return whole;
	stretches.sort((a, b) => a[0] - b[0]);
	// Overlapping or touching stretches become one [redacted].
	const merged: Array<[number, number]> = [];
	for (const [from, to] of stretches) {
		const last = merged[merged.length - 1];
		if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
		else merged.push([from, to]);
	}
	let out = '';
	let done = 0;
	for (const [from, to] of merged) {
		out += `${whole.slice(done, from)}${REDACTED}`;
		done = to;
	}
	return out + whole.slice(done);
}

/** Whether `text` holds the secret, or a piece of it that `redact` replaces. */
export function containsSecret(text: string, secret: string): boolean {
	return redact(text, secret) !== text;
}

/** `encoded` decoded, or undefined when it is not percent-encoded UTF-8. */
function tryDecode(encoded: string): string | undefined {
	try {
		return decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
}

/**
 * `text` with its percent-encoded runs decoded, never throwing: one malformed sequence (`%zz`, a
 * stray byte) must not leave the rest encoded, where a key would pass for harmless text.
 */
export function decodePercents(text: string): string {
	// Whole runs, as a multi-byte character spans several; a run with a stray byte, one by one.
	return text.replace(
		/(?:%[0-9a-f]{2})+/gi,
		(run) => tryDecode(run) ?? run.replace(/%[0-9a-f]{2}/gi, (one) => tryDecode(one) ?? one),
	);
}

/** Whether `text` holds the secret, plainly or percent-encoded (a header, a file name). */
export function containsSecretEncoded(text: string, secret: string): boolean {
	return containsSecret(text, secret) || containsSecret(decodePercents(text), secret);
}

/**
 * A JSON value (an answer) with the secret redacted from every string and every key in it. The
 * value itself when there is nothing to redact, which is nearly always (one scan of its JSON).
 */
export function redactJson<T>(value: T, secret: string): T {
	if (secret.length < 4 || !containsSecret(JSON.stringify(value) ?? '', secret)) return value;
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return redact(node, secret);
		if (Array.isArray(node)) return node.map(walk);
		if (typeof node === 'object' && node !== null) {
			return Object.fromEntries(
				Object.entries(node).map(([key, child]) => [redact(key, secret), walk(child)]),
			);
		}
		return node;
	};
	return walk(value) as T;
}

/**
 * The headers without any that repeat the API key, plainly or percent-encoded (a Content-Disposition
 * file name becomes the downloaded file's name): an answer's headers reach items too.
 */
export function withoutSecretHeaders(headers: IDataObject, apiKey: string): IDataObject {
	const repeatsKey = (value: unknown) =>
		containsSecretEncoded(Array.isArray(value) ? value.join('\n') : String(value), apiKey);
	return Object.fromEntries(
		Object.entries(headers).filter(([name, value]) => !repeatsKey(name) && !repeatsKey(value)),
	);
}
