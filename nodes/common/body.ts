/**
 * Reading an answer's body: as a stream, bounded by MAX_ANSWER_BYTES, then parsed as JSON. What a
 * body is (JSON, an HTML page, too large) is decided here; what to tell the user, in errors.ts.
 */

/**
 * The largest answer read. DigiCert's largest (a page of 1,000 orders, a certificate bundle) is a
 * few MB; a server sending more is not DigiCert's API, and reading on would fill n8n's memory.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** In place of a body that went past MAX_ANSWER_BYTES (its stream closed). */
export const TOO_LARGE = Symbol('an answer over MAX_ANSWER_BYTES');

/** A body n8n hands as a stream (`encoding: 'stream'`): readable chunk by chunk, and closable. */
interface BodyStream extends AsyncIterable<unknown> {
	destroy(): void;
}

const isStream = (body: unknown): body is BodyStream =>
	typeof body === 'object' &&
	body !== null &&
	Symbol.asyncIterator in body &&
	typeof (body as BodyStream).destroy === 'function';

/** All of a streamed body (TOO_LARGE past MAX_ANSWER_BYTES, the stream closed), or the body as it came. */
export async function readBody(body: unknown): Promise<unknown> {
	if (!isStream(body)) return body;
	const chunks: Buffer[] = [];
	let bytes = 0;
	for await (const chunk of body) {
		const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		bytes += data.length;
		if (bytes > MAX_ANSWER_BYTES) {
			body.destroy();
			return TOO_LARGE;
		}
		chunks.push(data);
	}
	return Buffer.concat(chunks);
}

export function destroyStream(body: unknown) {
	if (isStream(body)) body.destroy();
}

/** A body that starts like an HTML page (some CDNs send one without saying so). */
export function looksLikeHtml(raw: unknown): boolean {
	const text = Buffer.isBuffer(raw)
		? raw.subarray(0, 100).toString('utf8')
		: typeof raw === 'string'
			? raw.slice(0, 100)
			: '';
	return /^\s*<(!doctype|html|head|body)/i.test(text);
}

/** A body's text (bytes read as UTF-8), or undefined when it is neither bytes nor text. */
export function jsonText(raw: unknown): string | undefined {
	return Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : undefined;
}

/** Parses a JSON body; `undefined` for an empty one, and throws for anything that is not JSON. */
export function parseJsonBody(raw: unknown): unknown {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = jsonText(raw);
	if (text === undefined) return raw; // already parsed
	if (text.trim() === '') return undefined;
	return JSON.parse(text);
}

export function parseJsonBodyOrNothing(raw: unknown): unknown {
	try {
		return parseJsonBody(raw);
	} catch {
		return undefined;
	}
}
