import {
	containsSecret,
	containsSecretEncoded,
	MIN_KEY_FRAGMENT,
	redact,
	redactEncoded,
	redactJson,
	redactionWork,
} from '../../../nodes/common/redaction';

describe('redact', () => {
	const KEY = 'dc-secret-key-abcdef123456';

	it('replaces every occurrence of the secret', () => {
		expect(redact(`a ${KEY} b ${KEY}`, KEY)).toBe('a [redacted] b [redacted]');
	});

	it('leaves text without the secret as it is', () => {
		expect(redact('nothing here', KEY)).toBe('nothing here');
	});

	it('does not mangle text for an empty or tiny secret', () => {
		expect(redact('abc', '')).toBe('abc');
		expect(redact('abc', 'a')).toBe('abc');
	});

	it.each([
		['cut at its end', `key ${KEY.slice(0, 20)}`, 'key [redacted]'],
		['cut at its start', `${KEY.slice(6)} is bad`, '[redacted] is bad'],
		['a piece of its middle', `x${KEY.slice(5, 5 + MIN_KEY_FRAGMENT)}y`, 'x[redacted]y'],
		['two pieces side by side', `${KEY.slice(0, 10)}${KEY.slice(12, 22)}`, '[redacted]'],
		['pieces apart', `${KEY.slice(0, 9)} and ${KEY.slice(15)}`, '[redacted] and [redacted]'],
	])('replaces the key %s', (_how, text, redacted) => {
		expect(redact(text, KEY)).toBe(redacted);
	});

	it(`leaves pieces shorter than ${MIN_KEY_FRAGMENT} characters (too short to help, too common to replace)`, () => {
		const piece = KEY.slice(0, MIN_KEY_FRAGMENT - 1);
		expect(redact(`x ${piece} y`, KEY)).toBe(`x ${piece} y`);
	});

	it('redacts every string and key of an answer, and leaves a clean answer untouched', () => {
		const clean = { id: 1, list: ['a', { b: 2 }], flag: null };
		expect(redactJson(clean, KEY)).toBe(clean);
		expect(redactJson({ [KEY]: [`x ${KEY.slice(1)}`, 3, { deep: KEY }] }, KEY)).toEqual({
			'[redacted]': ['x [redacted]', 3, { deep: '[redacted]' }],
		});
	});

	it('checks an answer by the text it was parsed from, and finds a key that text spells with escapes', () => {
		const escaped = JSON.stringify({ note: KEY }).replace(
			/[a-z]/g,
			(c) => `\\u00${c.charCodeAt(0).toString(16)}`,
		);
		expect(escaped).not.toContain(KEY.slice(0, MIN_KEY_FRAGMENT));
		expect(redactJson(JSON.parse(escaped), KEY, escaped)).toEqual({ note: '[redacted]' });
		const plain = JSON.stringify({ id: 1, note: 'nothing here' });
		const parsed: unknown = JSON.parse(plain);
		expect(redactJson(parsed, KEY, plain)).toBe(parsed);
		const holding = `{"id":1,"note":"x ${KEY.slice(2)}"}`;
		expect(redactJson(JSON.parse(holding), KEY, holding)).toEqual({ id: 1, note: 'x [redacted]' });
	});

	it('says whether text holds the key or a piece of it', () => {
		expect(containsSecret(`..${KEY.slice(3, 14)}..`, KEY)).toBe(true);
		expect(containsSecret('2026-11-25 order 1234', KEY)).toBe(false);
	});

	describe('with a key that has dashes and digits', () => {
		const KEY = 'SECRET-KEY-1234567890';

		it('replaces every occurrence of the key', () => {
			expect(redact(`a ${KEY} b ${KEY}`, KEY)).toBe('a [redacted] b [redacted]');
		});

		it('leaves text alone when the key is empty or too short to be one', () => {
			expect(redact('abc', '')).toBe('abc');
			expect(redact('a b c', 'a')).toBe('a b c');
		});
	});
});

describe('the cost of redaction', () => {
	// 32 characters, as DigiCert's keys are.
	const KEY = 'CANARY-dc-key-5b1e0c7a9d3f-01234';
	/** About `size` characters of 9-character key pieces, each followed by a space. */
	const piecesText = (size: number) => {
		const pieces: string[] = [];
		for (let i = 0; pieces.length * 10 < size; i++) {
			const start = i % (KEY.length - 8);
			pieces.push(KEY.slice(start, start + 9));
		}
		return pieces.join(' ');
	};

	it('looks at each character of a text made of key pieces a bounded number of times', () => {
		const text = piecesText(1_000_000);
		redactionWork.characters = 0;
		const redacted = redact(text, KEY);
		expect(redacted).toBe(text.split(' ').fill('[redacted]').join(' '));
		// Independent of the key's length: a scan, and a check of MIN_KEY_FRAGMENT characters per hit.
		expect(redactionWork.characters).toBeLessThanOrEqual((MIN_KEY_FRAGMENT + 2) * text.length);
	});

	it('clears a text without the key in one native pass per quarter of the key, with no piece-by-piece scan', () => {
		const text = JSON.stringify(
			Array.from({ length: 20_000 }, (_, id) => ({ id, name: `www${id}.example.com` })),
		);
		redactionWork.characters = 0;
		expect(redact(text, KEY)).toBe(text);
		expect(containsSecret(text, KEY)).toBe(false);
		// Twice: redact, then containsSecret.
		expect(redactionWork.characters).toBeLessThanOrEqual(2 * (KEY.length / 4) * text.length);
	});
});

describe('redactEncoded', () => {
	const KEY = 'dc-secret-key-abcdef123456';
	const encoded = (text: string) =>
		Array.from(text, (c) => `%${c.charCodeAt(0).toString(16)}`).join('');
	const twice = (text: string) => encoded(text).replace(/%/g, '%25');

	it.each([
		['plain', `see ${KEY}`, 'see [redacted]'],
		['percent-encoded', `https://x/?k=${encoded(KEY)}&a=%20`, 'https://x/?k=[redacted]&a= '],
		['percent-encoded twice', `k=${twice(KEY)}`, 'k=[redacted]'],
		['a piece, encoded', `k=${encoded(KEY.slice(3, 14))}`, 'k=[redacted]'],
		['plain and encoded', `${KEY} ${twice(KEY)}`, '[redacted] [redacted]'],
	])('redacts the key %s', (_how, text, redacted) => {
		expect(redactEncoded(text, KEY)).toBe(redacted);
		expect(containsSecretEncoded(text, KEY)).toBe(true);
	});

	it('leaves encoded text without the key as it came', () => {
		const text = 'https://x/a%20b?q=%2541%zz';
		expect(redactEncoded(text, KEY)).toBe(text);
		expect(containsSecretEncoded(text, KEY)).toBe(false);
	});

	it('drops what is still encoded after four decodings (no one writes that)', () => {
		let text = encoded(KEY);
		for (let i = 0; i < 5; i++) text = text.replace(/%/g, '%25');
		expect(redactEncoded(`k=${text}`, KEY)).toBe('k=[redacted]');
	});
});
