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
 * Redaction's work since the process started: characters looked at (tests check it grows linearly)
 * and key tables built (tests check a client builds one, not one per answer or header).
 */
export const redactionWork = { characters: 0, tables: 0 };

/** Base of the rolling hash over MIN_KEY_FRAGMENT characters (odd, so multiplying mod 2^32 loses nothing). */
const HASH_BASE = 0x01000193;
/** HASH_BASE ** (MIN_KEY_FRAGMENT - 1), mod 2^32: the weight of the character leaving the window. */
let leavingWeight = 1;
for (let i = 1; i < MIN_KEY_FRAGMENT; i++) leavingWeight = Math.imul(leavingWeight, HASH_BASE);

/** The hash of `text`'s MIN_KEY_FRAGMENT characters from `at`. */
function windowHash(text: string, at: number): number {
	let hash = 0;
	for (let i = at; i < at + MIN_KEY_FRAGMENT; i++)
		hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
	return hash;
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

/**
 * A piece of the key starting at p holds the anchor starting at the next multiple of ANCHOR_STRIDE
 * (at most p + ANCHOR_STRIDE - 1), which ends within the piece as ANCHOR_STRIDE - 1 +
 * ANCHOR_LENGTH <= MIN_KEY_FRAGMENT. So text in which no anchor occurs holds no piece: a few native
 * `indexOf` passes clear nearly every answer, and only text holding an anchor is scanned in full.
 */
const ANCHOR_STRIDE = 4;
const ANCHOR_LENGTH = MIN_KEY_FRAGMENT + 1 - ANCHOR_STRIDE;

/** Texts this short are scanned at once: the anchors' passes would cost more than they save. */
const SHORT_TEXT = 64;

/**
 * How many times text is decoded to find a percent-encoded key: a key encoded once or twice is what a
 * proxy or a redirect makes of it; text still encoded after that is no one's plain text.
 */
const MAX_DECODINGS = 4;

/** A percent-encoded run with the letters and digits it runs into (`%2564%2563`), for text still encoded after MAX_DECODINGS. */
const ENCODED_RUN = /%[0-9a-f]{2}[%0-9a-z]*/gi;

/**
 * The redaction rules for one key: made for one use (a text) by the functions below, or kept by a
 * client for the life of its execution (`keyRedaction`), which holds the key itself anyway; nothing
 * of the key outlives that (as the pacer keeps only an HMAC of it). A key shorter than 4
 * characters is not redacted (it cannot be a real key, and would garble text); one of 4 to
 * MIN_KEY_FRAGMENT characters only whole.
 */
class KeyRedactor {
	/** Cut from the key every ANCHOR_STRIDE characters; every piece of the key holds one of them. */
	private readonly anchors: string[] = [];

	/**
	 * The key's pieces, as an open-addressing table from a piece's hash to where it starts in the
	 * key: whether text at some position is a piece costs one probe (and, on a hit, one comparison of
	 * MIN_KEY_FRAGMENT characters), however long the key. Built on the first text holding an anchor.
	 */
	private table: { mask: number; hashes: Int32Array; starts: Int32Array } | undefined;

	constructor(private readonly secret: string) {
		if (secret.length <= MIN_KEY_FRAGMENT) return;
		const anchors = new Set<string>();
		for (let at = 0; at + ANCHOR_LENGTH <= secret.length; at += ANCHOR_STRIDE)
			anchors.add(secret.slice(at, at + ANCHOR_LENGTH));
		this.anchors = [...anchors];
	}

	/** `text` with the key, and every piece of it MIN_KEY_FRAGMENT or more characters long, replaced. */
	redact(text: string): string {
		const { secret } = this;
		if (secret.length < 4) return text;
		if (secret.length <= MIN_KEY_FRAGMENT)
			return text.includes(secret) ? text.split(secret).join(REDACTED) : text;
		let out = '';
		let done = 0;
		this.forEachStretch(text, (from, to) => {
			out += `${text.slice(done, from)}${REDACTED}`;
			done = to;
		});
		return done === 0 ? text : out + text.slice(done);
	}

	contains(text: string): boolean {
		const { secret } = this;
		if (secret.length < 4) return false;
		if (secret.length <= MIN_KEY_FRAGMENT) return text.includes(secret);
		let found = false;
		this.forEachStretch(text, () => (found = true));
		return found;
	}

	/**
	 * `text` with the key redacted, plainly or percent-encoded (`%43%41…`, `%2543…`). Text with no
	 * encoded key comes back as `redact` leaves it; text with one comes back decoded as far as it was
	 * encoded, with the key redacted at every level (so a key is redacted before a decoding could hide
	 * it). Text still encoded after MAX_DECODINGS loses its encoded runs. At most MAX_DECODINGS passes.
	 */
	redactEncoded(text: string): string {
		const plain = this.redact(text);
		if (this.secret.length < 4 || !plain.includes('%')) return plain;
		let view = plain;
		let found = false;
		for (let round = 0; round < MAX_DECODINGS; round++) {
			const decoded = decodePercents(view);
			if (decoded === view) return found ? view : plain;
			view = this.redact(decoded);
			if (view !== decoded) found = true;
		}
		if (decodePercents(view) !== view) return view.replace(ENCODED_RUN, REDACTED);
		return found ? view : plain;
	}

	/**
	 * Calls `visit` with each stretch of `text` the key's pieces cover, in order, overlapping and
	 * touching pieces joined; stops when `visit` returns true. After the anchors' passes (see
	 * ANCHOR_STRIDE), one pass over `text`, a rolling hash of its last MIN_KEY_FRAGMENT characters
	 * looked up in the key's table: linear in the text, with no memory but the current stretch.
	 */
	private forEachStretch(text: string, visit: (from: number, to: number) => boolean | void): void {
		if (text.length < MIN_KEY_FRAGMENT) return;
		const start = this.scanStart(text);
		if (start === -1) return;
		redactionWork.characters += text.length - start;
		let hash = windowHash(text, start);
		let from = -1;
		let to = -1;
		for (let at = start; ; at++) {
			if (this.isPiece(text, at, hash)) {
				if (at > to) {
					if (from !== -1 && visit(from, to) === true) return;
					from = at;
				}
				to = at + MIN_KEY_FRAGMENT;
			}
			const next = at + MIN_KEY_FRAGMENT;
			if (next >= text.length) break;
			hash =
				(Math.imul(hash - Math.imul(text.charCodeAt(at), leavingWeight), HASH_BASE) +
					text.charCodeAt(next)) |
				0;
		}
		if (from !== -1) visit(from, to);
	}

	/** Where the scan may start: the first anchor's position, less what a piece holds before it; -1 for none. */
	private scanStart(text: string): number {
		if (text.length <= SHORT_TEXT) return 0;
		let first = -1;
		for (const anchor of this.anchors) {
			const at = text.indexOf(anchor);
			redactionWork.characters += at === -1 ? text.length : at + ANCHOR_LENGTH;
			if (at !== -1 && (first === -1 || at < first)) first = at;
		}
		return first === -1 ? -1 : Math.max(0, first - (ANCHOR_STRIDE - 1));
	}

	/** Whether `text`'s MIN_KEY_FRAGMENT characters from `at`, whose hash is `hash`, are a piece of the key. */
	private isPiece(text: string, at: number, hash: number): boolean {
		const { secret } = this;
		const { mask, hashes, starts } = (this.table ??= this.buildTable());
		for (let slot = hash & mask; starts[slot] !== -1; slot = (slot + 1) & mask) {
			if (hashes[slot] !== hash) continue;
			const start = starts[slot];
			redactionWork.characters += MIN_KEY_FRAGMENT;
			let i = 0;
			while (i < MIN_KEY_FRAGMENT && text.charCodeAt(at + i) === secret.charCodeAt(start + i)) i++;
			if (i === MIN_KEY_FRAGMENT) return true;
		}
		return false;
	}

	private buildTable() {
		redactionWork.tables++;
		const { secret } = this;
		const count = secret.length - MIN_KEY_FRAGMENT + 1;
		let size = 8;
		while (size < count * 4) size *= 2;
		const mask = size - 1;
		const hashes = new Int32Array(size);
		const starts = new Int32Array(size).fill(-1);
		const seen = new Set<string>();
		for (let start = 0; start < count; start++) {
			const piece = secret.slice(start, start + MIN_KEY_FRAGMENT);
			if (seen.has(piece)) continue;
			seen.add(piece);
			const hash = windowHash(secret, start);
			let slot = hash & mask;
			while (starts[slot] !== -1) slot = (slot + 1) & mask;
			hashes[slot] = hash;
			starts[slot] = start;
		}
		return { mask, hashes, starts };
	}
}

/**
 * Replaces the secret wherever it appears in `text`, and every piece of it MIN_KEY_FRAGMENT or more
 * characters long: what someone else cut (DigiCert, a proxy, n8n, a log line) cannot leak most of it.
 * Linear in `text`, so a hostile answer made of key pieces costs no more than any other of its size.
 */
export function redact(text: string, secret: string): string {
	return new KeyRedactor(secret).redact(text);
}

/** Whether `text` holds the secret, or a piece of it that `redact` replaces. */
export function containsSecret(text: string, secret: string): boolean {
	return new KeyRedactor(secret).contains(text);
}

/**
 * `text` with the secret redacted, plainly or percent-encoded: for what reaches a message (a
 * redirect's Location, DigiCert's error text). See KeyRedactor.redactEncoded.
 */
export function redactEncoded(text: string, secret: string): string {
	return new KeyRedactor(secret).redactEncoded(text);
}

/** Whether `text` holds the secret, plainly or percent-encoded (a header, a file name). */
export function containsSecretEncoded(text: string, secret: string): boolean {
	return redactEncoded(text, secret) !== text;
}

/**
 * A JSON value (an answer) with the secret redacted, plainly or percent-encoded, from every string
 * and every key in it. The value itself when there is nothing to redact, which is nearly always (one
 * check of its JSON text).
 */
export function redactJson<T>(value: T, secret: string, text?: string): T {
	if (secret.length < 4) return value;
	return jsonRedacted(new KeyRedactor(secret), value, text);
}

/**
 * `text`: the JSON `value` was parsed from, when known. Without a backslash it holds no escape, so
 * every string and key of `value` is a piece of it as it stands: checking it is checking them all,
 * and saves writing `value` out again. With one (`\u0041` could spell the key), `value` is written out.
 */
function jsonRedacted<T>(redactor: KeyRedactor, value: T, text?: string): T {
	const json = text !== undefined && !text.includes('\\') ? text : (JSON.stringify(value) ?? '');
	const clean =
		!redactor.contains(json) && (!json.includes('%') || redactor.redactEncoded(json) === json);
	if (clean) return value;
	const walk = (node: unknown): unknown => {
		if (typeof node === 'string') return redactor.redactEncoded(node);
		if (Array.isArray(node)) return node.map(walk);
		if (typeof node === 'object' && node !== null) {
			return Object.fromEntries(
				Object.entries(node).map(([key, child]) => [redactor.redactEncoded(key), walk(child)]),
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
	return headersWithout(new KeyRedactor(apiKey), headers);
}

function headersWithout(redactor: KeyRedactor, headers: IDataObject): IDataObject {
	const repeatsKey = (value: unknown) => {
		const text = Array.isArray(value) ? value.join('\n') : String(value);
		return redactor.redactEncoded(text) !== text;
	};
	return Object.fromEntries(
		Object.entries(headers).filter(([name, value]) => !repeatsKey(name) && !repeatsKey(value)),
	);
}

/** Every rule above for one key, its table built once: what a client uses for all its answers. */
export interface KeyRedaction {
	redactEncoded(text: string): string;
	containsEncoded(text: string): boolean;
	contains(text: string): boolean;
	redactJson<T>(value: T, text?: string): T;
	withoutSecretHeaders(headers: IDataObject): IDataObject;
}

export function keyRedaction(secret: string): KeyRedaction {
	const redactor = new KeyRedactor(secret);
	return {
		redactEncoded: (text) => redactor.redactEncoded(text),
		containsEncoded: (text) => redactor.redactEncoded(text) !== text,
		contains: (text) => redactor.contains(text),
		redactJson: (value, text) => (secret.length < 4 ? value : jsonRedacted(redactor, value, text)),
		withoutSecretHeaders: (headers) => headersWithout(redactor, headers),
	};
}
