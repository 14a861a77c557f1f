/**
 * Input checks run before any request is sent. They throw plain Errors with a message a user can
 * act on; the executor turns them into NodeOperationErrors carrying the item index.
 */

/** Enough of a value to recognise it; a huge one is cut rather than copied into the message. */
const MAX_SHOWN = 60;

/**
 * A bad input value as error messages quote it (the one way every check shows what it got): JSON,
 * numbers as written, `nothing` for undefined, cut after MAX_SHOWN characters.
 */
export function quoteValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	// JSON would show NaN and Infinity as null, and cannot show a bigint at all.
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = Object.prototype.toString.call(value);
	}
	const kind = Array.isArray(value)
		? 'a list '
		: typeof value === 'object' && value !== null
			? 'an object '
			: '';
	return kind + (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
}

/** A number as it is, or a string of digits (spaces around allowed) as its number; anything else NaN. */
function unsignedNumber(value: unknown): number {
	return typeof value === 'number'
		? value
		: typeof value === 'string' && /^\s*\d+\s*$/.test(value)
			? Number(value)
			: NaN;
}

/**
 * A DigiCert ID: a whole number from 1 up, given as a number or a string of digits. Anything else,
 * including "12/../../user/me" or "12?x=1", is refused, so IDs cannot change the request's path.
 */
export function assertPositiveId(value: unknown, parameterName: string): number {
	const id = unsignedNumber(value);
	if (!Number.isSafeInteger(id) || id < 1) {
		throw new Error(
			`${parameterName} must be a positive whole number, but it is ${quoteValue(value)}`,
		);
	}
	return id;
}

/**
 * A whole number from `min` (to `max`), given as a number or a string of digits as expressions
 * give. Nothing else is coerced: `true`, `[3]`, `null` or `""` would pass `Number()` as 1, 3 or 0.
 */
export function assertWholeNumber(
	value: unknown,
	parameterName: string,
	range: { min: number; max?: number },
): number {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
				? Number(value)
				: NaN;
	const { min, max } = range;
	if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
		const bounds = max === undefined ? `from ${min}` : `from ${min} to ${max}`;
		throw new Error(
			`${parameterName} must be a whole number ${bounds}, but it is ${quoteValue(value)}`,
		);
	}
	return n;
}

/** What DigiCert's Order info takes in place of the order ID: the order ID, or its primary certificate's thumbprint or serial number. */
export interface OrderIdentifier {
	kind: 'id' | 'thumbprint' | 'serial';
	/** As it goes into the path: the ID's digits, or uppercase hex. */
	value: string;
}

/**
 * An order ID (a whole number), a certificate thumbprint (40 hex digits: SHA-1) or a serial number
 * (hex, up to 64 digits), written with or without colons or spaces between bytes. Only digits and
 * A–F reach the path, so nothing a user or an expression gives can change the request's path.
 */
export function assertOrderIdentifier(value: unknown, parameterName: string): OrderIdentifier {
	const id = unsignedNumber(value);
	if (Number.isSafeInteger(id) && id >= 1) return { kind: 'id', value: String(id) };
	const hex = typeof value === 'string' ? value.replace(/[\s:]/g, '') : '';
	if (/^[0-9A-Fa-f]{40}$/.test(hex)) return { kind: 'thumbprint', value: hex.toUpperCase() };
	if (/^[0-9A-Fa-f]{1,64}$/.test(hex) && !/^0*$/.test(hex))
		return { kind: 'serial', value: hex.toUpperCase() };
	throw new Error(
		`${parameterName} must be an order ID (a whole number), or the thumbprint (40 hex digits) or serial number (hex) of the order's certificate, but it is ${quoteValue(value)}`,
	);
}

export function assertBoolean(value: unknown, parameterName: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new Error(`${parameterName} must be true or false, but it is ${quoteValue(value)}`);
}
