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
const BMP_STRING = 0x1e;
const STRING_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, BMP_STRING]);

/** What makes a well-formed CSR unusable, and what to do about it. */
interface CsrProblem {
	problem: string;
}

/** The subject's common name in a CSR's DER, if it has one, or why it cannot be read. */
function commonNameOf(der: Buffer, name: Tlv): string | CsrProblem | undefined {
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
				if (value.tag !== BMP_STRING) return bytes.toString('utf8');
				// A BMPString is UTF-16: two bytes a character. An odd count is a damaged CSR.
				if (bytes.length % 2 !== 0)
					return {
						problem: `its common name is a BMPString (UTF-16) of ${bytes.length} bytes, an odd number, so it cannot be read: the CSR is damaged or was made by a faulty tool. Make the CSR again (e.g. openssl req -new -utf8 …)`,
					};
				return Buffer.from(bytes).swap16().toString('utf16le');
			}
		}
	}
	return undefined;
}

/** 1.2.840.113549.1.9.14, PKCS#9 extensionRequest: the extensions a CSR asks for. */
const EXTENSION_REQUEST_OID = Buffer.from([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e]);
/** 2.5.29.17, subjectAltName. */
const SUBJECT_ALT_NAME_OID = Buffer.from([0x55, 0x1d, 0x11]);
const OCTET_STRING = 0x04;
/** GeneralName's [2] dNSName and [7] iPAddress (context-specific, primitive). */
const DNS_NAME = 0x82;
const IP_ADDRESS = 0x87;

/** An iPAddress GeneralName's 4 or 16 bytes as text (IPv6 in full form; assertIpAddress shortens it). */
function ipText(bytes: Buffer): string | undefined {
	if (bytes.length === 4) return [...bytes].join('.');
	if (bytes.length !== 16) return undefined;
	const groups: string[] = [];
	for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
	return groups.join(':');
}

/**
 * The DNS names and IP addresses of the subjectAltName a CSR asks for (in its extensionRequest
 * attribute), in the CSR's order. Other kinds of names (e-mail, URI) are not for a TLS order.
 */
function subjectAltNamesOf(der: Buffer, attributes: Tlv): string[] {
	const names: string[] = [];
	for (const attribute of children(der, attributes) ?? []) {
		const [type, values] = children(der, attribute) ?? [];
		if (type?.tag !== OID || values?.tag !== SET) continue;
		if (!der.subarray(type.start, type.end).equals(EXTENSION_REQUEST_OID)) continue;
		for (const extensions of children(der, values) ?? []) {
			for (const extension of children(der, extensions) ?? []) {
				const parts = children(der, extension) ?? [];
				const [id] = parts;
				const value = parts[parts.length - 1];
				if (id?.tag !== OID || value?.tag !== OCTET_STRING) continue;
				if (!der.subarray(id.start, id.end).equals(SUBJECT_ALT_NAME_OID)) continue;
				const sequence = readTlv(der, value.start, value.end);
				if (sequence?.tag !== SEQUENCE) continue;
				for (const general of children(der, sequence) ?? []) {
					const bytes = der.subarray(general.start, general.end);
					const name =
						general.tag === DNS_NAME
							? bytes.toString('latin1')
							: general.tag === IP_ADDRESS
								? ipText(bytes)
								: undefined;
					if (name !== undefined) names.push(name);
				}
			}
		}
	}
	return names;
}

/**
 * Whether `der` is a PKCS#10 certification request: SEQUENCE { SEQUENCE { INTEGER version, Name,
 * SubjectPublicKeyInfo, [0] attributes }, AlgorithmIdentifier, BIT STRING }, filling the buffer.
 */
function parseCertificationRequest(
	der: Buffer,
): { commonName: string | CsrProblem | undefined; subjectAltNames: string[] } | undefined {
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
	return {
		commonName: commonNameOf(der, subject),
		subjectAltNames: subjectAltNamesOf(der, attributes),
	};
}

export interface CertificateSigningRequest {
	/** The CSR as DigiCert asks for it: PEM header and footer, the base64 on one line. */
	pem: string;
	/** The subject's common name, when the CSR has one. */
	commonName: string | undefined;
	/** The DNS names and IP addresses of the CSR's subjectAltName extension (DigiCert does not read them). */
	subjectAltNames: string[];
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
	const { commonName } = parsed;
	if (typeof commonName === 'object')
		throw new Error(`${field} cannot be used: ${commonName.problem}`);
	return {
		pem: `-----BEGIN CERTIFICATE REQUEST-----${base64}-----END CERTIFICATE REQUEST-----`,
		commonName,
		subjectAltNames: parsed.subjectAltNames,
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
 * The most names DigiCert puts on one certificate: 250 (the common name and 249 other names; DigiCert's
 * multi-domain products, as its resellers document them). More is refused before anything is sent.
 */
export const MAX_CERTIFICATE_NAMES = 250;

/** Why an IPv4 address (four decimal octets) cannot be on a public certificate, or undefined. */
function ipv4Problem(octets: number[]): string | undefined {
	const [a, b, c] = octets;
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
		return 'it is a private address (RFC 1918)';
	if (a === 127) return 'it is a loopback address';
	if (a === 169 && b === 254) return 'it is a link-local address';
	if (a === 100 && b >= 64 && b <= 127) return 'it is a shared (carrier-grade NAT) address';
	if (a === 0 || a >= 224) return 'it is a reserved or multicast address';
	if (
		(a === 192 && b === 0 && (c === 0 || c === 2)) ||
		(a === 198 && (b === 18 || b === 19)) ||
		(a === 198 && b === 51 && c === 100) ||
		(a === 203 && b === 0 && c === 113)
	)
		return 'it is a reserved (documentation or benchmarking) address';
	return undefined;
}

/** Why an IPv6 address (eight 16-bit groups) cannot be on a public certificate, or undefined. */
function ipv6Problem(groups: number[]): string | undefined {
	if (groups.slice(0, 7).every((g) => g === 0) && groups[7] <= 1)
		return 'it is the loopback or unspecified address';
	if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
		return ipv4Problem([groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255]);
	if ((groups[0] & 0xfe00) === 0xfc00) return 'it is a private (unique local) address';
	if ((groups[0] & 0xffc0) === 0xfe80) return 'it is a link-local address';
	if ((groups[0] & 0xff00) === 0xff00) return 'it is a multicast address';
	if (groups[0] === 0x2001 && groups[1] === 0x0db8)
		return 'it is a reserved (documentation) address';
	return undefined;
}

/** The eight groups of an IPv6 address, or undefined when `text` is not one (no zone, no embedded IPv4). */
function ipv6Groups(text: string): number[] | undefined {
	if (!/^[0-9a-f:]+$/.test(text) || text.length > 39) return undefined;
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const part = (half: string) => (half === '' ? [] : half.split(':'));
	const head = part(halves[0]);
	const tail = halves.length === 2 ? part(halves[1]) : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const all = [...head, ...new Array<string>(missing).fill('0'), ...tail];
	return all.every((group) => /^[0-9a-f]{1,4}$/.test(group))
		? all.map((group) => parseInt(group, 16))
		: undefined;
}

/**
 * An IP address in a SAN: undefined when `name` is not one; else the address in its usual form, or
 * why a public certificate cannot hold it (private, loopback, reserved ranges).
 */
function readIpAddress(name: string): { address: string } | { problem: string } | undefined {
	const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
	if (v4) {
		const octets = v4.slice(1).map(Number);
		if (octets.some((o, i) => o > 255 || (v4[i + 1].length > 1 && v4[i + 1].startsWith('0'))))
			return { problem: 'it is not a valid IPv4 address' };
		const problem = ipv4Problem(octets);
		return problem ? { problem } : { address: octets.join('.') };
	}
	if (!name.includes(':')) return undefined;
	const groups = ipv6Groups(name);
	if (groups === undefined) return { problem: 'it is not a valid IPv6 address' };
	const problem = ipv6Problem(groups);
	if (problem) return { problem };
	// The shortest form (RFC 5952): the longest run of two or more zero groups becomes "::".
	const hex = groups.map((g) => g.toString(16));
	let best = { start: -1, length: 1 };
	for (let i = 0; i < 8;) {
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > best.length) best = { start: i, length: j - i };
		i = j === i ? i + 1 : j;
	}
	const address =
		best.start < 0
			? hex.join(':')
			: `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
	return { address };
}

/** One SAN: a host name (as assertHostName), or a public IPv4 or IPv6 address. */
function assertSubjectAltName(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	const ip = readIpAddress(text.replace(/^\[(.*)\]$/, '$1'));
	if (ip === undefined) return assertHostName(value, field);
	if ('problem' in ip)
		throw new Error(
			`${field} "${String(value).trim()}" cannot be on a public certificate: ${ip.problem}. DigiCert issues public IP addresses only (validated over HTTP: DCV method http-token).`,
		);
	return ip.address;
}

/**
 * Host names (SANs): a list, or text separated by commas, spaces or new lines. Each is a host name
 * or a public IP address, checked; repeats are dropped. Empty means none. More than DigiCert puts
 * on a certificate (MAX_CERTIFICATE_NAMES) is refused as soon as it is counted.
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
	const names = new Set<string>();
	for (const entry of list) {
		if (entry === '') continue;
		names.add(assertSubjectAltName(entry, field));
		if (names.size > MAX_CERTIFICATE_NAMES)
			throw new Error(
				`${field} has more than ${MAX_CERTIFICATE_NAMES} different names: DigiCert puts at most ${MAX_CERTIFICATE_NAMES} names on one certificate. Split them over several orders.`,
			);
	}
	return [...names];
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
