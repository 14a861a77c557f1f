/**
 * Checks for what a certificate order, reissue, duplicate or revocation carries: the CSR, host
 * names, dates and revocation reasons. Each throws a plain Error naming the field, before any
 * request is sent (the executor adds the item and says nothing was sent).
 */
import { quoteValue } from './inputChecks';

const PEM_CSR =
	/^-----BEGIN (NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (NEW )?CERTIFICATE REQUEST-----$/;

/** A DER element: its tag, where its contents start, and where it ends. */
interface Tlv {
	tag: number;
	start: number;
	end: number;
}

/** Reads the DER element at `offset` (definite lengths only, as DER requires), or undefined if it does not fit in `limit`. */
function readTlv(der: Buffer, offset: number, limit: number): Tlv | undefined {
	if (offset + 2 > limit) return undefined;
	const tag = der[offset];
	let length = der[offset + 1];
	let start = offset + 2;
	if (length & 0x80) {
		const bytes = length & 0x7f;
		// 0x80 is BER's indefinite length; more than 4 length bytes is no CSR.
		if (bytes === 0 || bytes > 4 || start + bytes > limit) return undefined;
		length = 0;
		for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
		start += bytes;
	}
	const end = start + length;
	return end <= limit ? { tag, start, end } : undefined;
}

/** The elements directly inside a constructed element, or undefined if they do not fill it exactly. */
function children(der: Buffer, parent: Tlv): Tlv[] | undefined {
	const list: Tlv[] = [];
	for (let offset = parent.start; offset < parent.end;) {
		const child = readTlv(der, offset, parent.end);
		if (child === undefined) return undefined;
		list.push(child);
		offset = child.end;
	}
	return list;
}

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OID = 0x06;
/** 2.5.4.3, the common name attribute. */
const COMMON_NAME_OID = Buffer.from([0x55, 0x04, 0x03]);
/** UTF8String, PrintableString, T61String, IA5String, BMPString. */
const STRING_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, 0x1e]);

/** The subject's common name in a CSR's DER, if it has one. */
function commonNameOf(der: Buffer, name: Tlv): string | undefined {
	for (const rdn of children(der, name) ?? []) {
		if (rdn.tag !== SET) continue;
		for (const attribute of children(der, rdn) ?? []) {
			const [type, value] = children(der, attribute) ?? [];
			if (
				type?.tag === OID &&
				value &&
				der.subarray(type.start, type.end).equals(COMMON_NAME_OID) &&
				STRING_TAGS.has(value.tag)
			) {
				const bytes = der.subarray(value.start, value.end);
				return value.tag === 0x1e
					? Buffer.from(bytes).swap16().toString('utf16le')
					: bytes.toString('utf8');
			}
		}
	}
	return undefined;
}

/**
 * Whether `der` is a PKCS#10 certification request: SEQUENCE { SEQUENCE { INTEGER version, Name,
 * SubjectPublicKeyInfo, [0] attributes }, AlgorithmIdentifier, BIT STRING }, filling the buffer.
 */
function parseCertificationRequest(der: Buffer): { commonName: string | undefined } | undefined {
	const outer = readTlv(der, 0, der.length);
	if (outer?.tag !== SEQUENCE || outer.end !== der.length) return undefined;
	const [info, algorithm, signature, ...rest] = children(der, outer) ?? [];
	if (
		rest.length > 0 ||
		info?.tag !== SEQUENCE ||
		algorithm?.tag !== SEQUENCE ||
		signature?.tag !== BIT_STRING
	)
		return undefined;
	const [version, subject, publicKey, attributes] = children(der, info) ?? [];
	const versionIsZero =
		version?.tag === INTEGER && version.end - version.start === 1 && der[version.start] === 0;
	if (
		!versionIsZero ||
		subject?.tag !== SEQUENCE ||
		publicKey?.tag !== SEQUENCE ||
		attributes?.tag !== 0xa0
	)
		return undefined;
	return { commonName: commonNameOf(der, subject) };
}

export interface CertificateSigningRequest {
	/** The CSR as DigiCert asks for it: PEM header and footer, the base64 on one line. */
	pem: string;
	/** The subject's common name, when the CSR has one. */
	commonName: string | undefined;
}

/**
 * A PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), whose body is base64
 * that decodes to a PKCS#10 request. Line breaks (\n, \r\n, or "\n" typed into an expression) are
 * allowed; anything else is refused with what is wrong.
 */
export function assertCsr(value: unknown, field: string): CertificateSigningRequest {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new Error(
			`${field} must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), but it is ${quoteValue(value)}`,
		);
	}
	const text = value.trim().replace(/\\r|\\n/g, '\n');
	const match = PEM_CSR.exec(text);
	if (!match) {
		const hint = /BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY/.test(text)
			? ' It is a private key: never send it anywhere; give the CSR made from it.'
			: /BEGIN CERTIFICATE-----/.test(text)
				? ' It is a certificate, not a request for one.'
				: '';
		throw new Error(
			`${field} must be a PEM certificate signing request, starting with -----BEGIN CERTIFICATE REQUEST----- and ending with -----END CERTIFICATE REQUEST-----.${hint}`,
		);
	}
	const base64 = match[2].replace(/\s+/g, '');
	if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || base64.length % 4 !== 0) {
		throw new Error(
			`${field} is not valid: the text between its BEGIN and END lines is not base64`,
		);
	}
	const parsed = parseCertificationRequest(Buffer.from(base64, 'base64'));
	if (parsed === undefined) {
		throw new Error(
			`${field} is not valid: its base64 does not decode to a certificate signing request (PKCS#10); it may be cut short or damaged`,
		);
	}
	return {
		pem: `-----BEGIN CERTIFICATE REQUEST-----${base64}-----END CERTIFICATE REQUEST-----`,
		commonName: parsed.commonName,
	};
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Why `name` is not a host name a public TLS certificate can hold, or undefined if it is one.
 * A wildcard is allowed only as the whole leftmost label, above at least two labels (*.example.com).
 */
function hostNameProblem(name: string): string | undefined {
	if (name.length > 253) return 'it is longer than 253 characters';
	if (/[^\u0020-\u007e]/.test(name))
		return 'it has characters that are not printable ASCII: give an international name in its punycode form (xn--…)';
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || (/^[0-9a-f:]+$/.test(name) && name.includes(':')))
		return 'it is an IP address, not a host name';
	const labels = name.split('.');
	if (labels.length < 2) return 'it needs at least two labels, like example.com';
	const wildcard = labels[0] === '*';
	if (labels.some((label, index) => label.includes('*') && !(index === 0 && label === '*'))) {
		return 'a wildcard may only be the whole leftmost label, like *.example.com';
	}
	if (wildcard && labels.length < 3)
		return 'a wildcard needs a domain of at least two labels under it, like *.example.com';
	for (const label of wildcard ? labels.slice(1) : labels) {
		if (label === '') return 'it has an empty label (two dots in a row, or a dot at the start)';
		if (!LABEL.test(label))
			return `its label "${label}" may hold only letters, digits and inner hyphens, up to 63 characters`;
	}
	if (/^\d+$/.test(labels[labels.length - 1]))
		return 'its last label is a number, so it is not a domain name';
	return undefined;
}

/** One host name (common name), lower-cased, without a trailing dot. */
export function assertHostName(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new Error(
			`${field} must be a host name like www.example.com, but it is ${quoteValue(value)}`,
		);
	}
	const name = value.trim().toLowerCase().replace(/\.$/, '');
	const problem = hostNameProblem(name);
	if (problem) throw new Error(`${field} "${value.trim()}" is not a host name: ${problem}`);
	return name;
}

/**
 * Host names (SANs): a list, or text separated by commas, spaces or new lines. Each is checked;
 * repeats are dropped. Empty means none.
 */
export function assertHostNames(value: unknown, field: string): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[\s,;]+/)
			: undefined;
	if (list === undefined)
		throw new Error(
			`${field} must be host names separated by commas, but it is ${quoteValue(value)}`,
		);
	const names: string[] = [];
	for (const entry of list) {
		if (entry === '') continue;
		const name = assertHostName(entry, field);
		if (!names.includes(name)) names.push(name);
	}
	return names;
}

/**
 * A calendar day after today (UTC), as YYYY-MM-DD. Takes YYYY-MM-DD, an ISO date-time or a Date
 * (n8n's date picker gives an ISO date-time). A day that is today or past is refused.
 */
export function assertFutureDay(value: unknown, field: string, now = Date.now()): string {
	const text =
		value instanceof Date ? value.toISOString() : typeof value === 'string' ? value.trim() : '';
	const day = /^\d{4}-\d{2}-\d{2}(?=$|T)/.exec(text)?.[0];
	const ms = day === undefined ? NaN : Date.parse(`${day}T00:00:00Z`);
	if (day === undefined || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
		throw new Error(`${field} must be a date (YYYY-MM-DD), but it is ${quoteValue(value)}`);
	}
	const today = new Date(now).toISOString().slice(0, 10);
	if (day <= today) throw new Error(`${field} must be after today (${today}), but it is ${day}`);
	return day;
}

/** One of `allowed` (an options field's values), or an error listing them. */
export function assertOneOf<T extends string>(
	value: unknown,
	allowed: readonly T[],
	field: string,
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw new Error(`${field} must be one of ${allowed.join(', ')}, but it is ${quoteValue(value)}`);
}

/** Free text (a comment or note): a string or number, trimmed; `required` refuses an empty one. */
export function assertText(value: unknown, field: string, required = false): string {
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string' && typeof value !== 'number')
		throw new Error(`${field} must be text, but it is ${quoteValue(value)}`);
	const text = String(value).trim();
	if (required && text === '') throw new Error(`${field} is required`);
	return text;
}

/**
 * A certificate serial number: hexadecimal, up to 20 bytes (colons or spaces between bytes
 * allowed), returned in capitals without separators, as DigiCert shows it.
 */
export function assertSerialNumber(value: unknown, field: string): string {
	const serial = typeof value === 'string' ? value.trim().replace(/[:\s]/g, '').toUpperCase() : '';
	if (!/^[0-9A-F]{1,40}$/.test(serial)) {
		throw new Error(
			`${field} must be a hexadecimal serial number like 0669D46CAE79EF684A69777490602485, but it is ${quoteValue(value)}`,
		);
	}
	return serial;
}
