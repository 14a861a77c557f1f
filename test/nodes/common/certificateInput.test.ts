import {
	assertCsr,
	assertFutureDay,
	assertHostName,
	assertHostNames,
	assertOneOf,
	assertSerialNumber,
	assertText,
} from '../../../nodes/common/certificateInput';
import { API_RSA_CSR, NO_COMMON_NAME_CSR, WILDCARD_CSR, WWW_CSR } from '../../fixtures/csr';

const base64Of = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

describe('assertCsr', () => {
	it('accepts a PEM CSR and gives it as DigiCert asks: header, base64 on one line, footer, with its common name', () => {
		expect(assertCsr(WWW_CSR, 'CSR')).toEqual({
			pem: `-----BEGIN CERTIFICATE REQUEST-----${base64Of(WWW_CSR)}-----END CERTIFICATE REQUEST-----`,
			commonName: 'www.example.com',
		});
		expect(assertCsr(API_RSA_CSR, 'CSR').commonName).toBe('api.example.com');
		expect(assertCsr(WILDCARD_CSR, 'CSR').commonName).toBe('*.example.com');
		expect(assertCsr(NO_COMMON_NAME_CSR, 'CSR').commonName).toBeUndefined();
	});

	it('accepts Windows line breaks, "\\n" typed into an expression, NEW CERTIFICATE REQUEST and surrounding blanks', () => {
		const expected = assertCsr(WWW_CSR, 'CSR').pem;
		expect(assertCsr(`  ${WWW_CSR.replace(/\n/g, '\r\n')}\n`, 'CSR').pem).toBe(expected);
		expect(assertCsr(WWW_CSR.replace(/\n/g, '\\n'), 'CSR').pem).toBe(expected);
		expect(
			assertCsr(WWW_CSR.replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST'), 'CSR').pem,
		).toBe(expected);
	});

	it.each([
		[
			'nothing',
			undefined,
			'CSR must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), but it is nothing',
		],
		[
			'a number',
			42,
			'CSR must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----…), but it is 42',
		],
		[
			'bare base64',
			base64Of(WWW_CSR),
			'CSR must be a PEM certificate signing request, starting with -----BEGIN CERTIFICATE REQUEST----- and ending with -----END CERTIFICATE REQUEST-----.',
		],
		[
			'a certificate',
			'-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
			'It is a certificate, not a request for one.',
		],
		[
			'a private key',
			'-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
			'It is a private key: never send it anywhere; give the CSR made from it.',
		],
		[
			'no footer',
			WWW_CSR.replace(/-----END.*$/, ''),
			'starting with -----BEGIN CERTIFICATE REQUEST----- and ending with',
		],
		[
			'characters that are not base64',
			WWW_CSR.replace('MIIB', 'MI!B'),
			'CSR is not valid: the text between its BEGIN and END lines is not base64',
		],
		[
			'base64 cut short',
			WWW_CSR.replace(/\n[^\n]+\n-----END/, '\n-----END'),
			'CSR is not valid: its base64 does not decode to a certificate signing request (PKCS#10); it may be cut short or damaged',
		],
		[
			'base64 of something else',
			`-----BEGIN CERTIFICATE REQUEST-----\n${Buffer.from('hello world, not DER').toString('base64')}\n-----END CERTIFICATE REQUEST-----`,
			'does not decode to a certificate signing request',
		],
	])('refuses %s, saying what is wrong', (_what, value, message) => {
		expect(() => assertCsr(value, 'CSR')).toThrow(message);
	});

	it('refuses DER with bytes after the request, and a length that runs past the end', () => {
		const der = Buffer.from(base64Of(WWW_CSR), 'base64');
		const pem = (bytes: Buffer) =>
			`-----BEGIN CERTIFICATE REQUEST-----\n${bytes.toString('base64')}\n-----END CERTIFICATE REQUEST-----`;
		expect(() => assertCsr(pem(Buffer.concat([der, Buffer.from([0, 0, 0])])), 'CSR')).toThrow(
			/does not decode/,
		);
		const longer = Buffer.from(der);
		longer[3] += 1; // the outer SEQUENCE claims one byte more than there is
		expect(() => assertCsr(pem(longer), 'CSR')).toThrow(/does not decode/);
	});
});

describe('host names', () => {
	it.each([
		'example.com',
		'WWW.Example.COM.',
		'xn--bcher-kva.example',
		'a-b.c-d.example.org',
		'*.example.com',
		'*.svc.example.co.uk',
	])('accepts %s', (name) => {
		expect(assertHostName(name, 'Common Name')).toBe(name.toLowerCase().replace(/\.$/, ''));
	});

	it.each([
		['localhost', 'it needs at least two labels'],
		['*.com', 'a wildcard needs a domain of at least two labels under it'],
		['*.*.example.com', 'a wildcard may only be the whole leftmost label'],
		['www.*.example.com', 'a wildcard may only be the whole leftmost label'],
		['w*.example.com', 'a wildcard may only be the whole leftmost label'],
		['-www.example.com', 'its label "-www" may hold only letters, digits and inner hyphens'],
		['www_1.example.com', 'its label "www_1"'],
		['www..example.com', 'it has an empty label'],
		['192.168.1.10', 'it is an IP address, not a host name'],
		['2001:db8::1', 'it is an IP address, not a host name'],
		['bücher.example', 'give an international name in its punycode form (xn--…)'],
		['example.123', 'its last label is a number'],
		[`${'a'.repeat(64)}.example.com`, 'up to 63 characters'],
		[`${'abcdefghi.'.repeat(26)}com`, 'longer than 253 characters'],
		['https://www.example.com/', 'may hold only letters'],
	])('refuses %s, saying why', (name, reason) => {
		expect(() => assertHostName(name, 'Common Name')).toThrow(
			`Common Name "${name}" is not a host name: `,
		);
		expect(() => assertHostName(name, 'Common Name')).toThrow(reason);
	});

	it('reads SANs from a list or from text separated by commas, spaces or new lines, without repeats', () => {
		expect(
			assertHostNames('a.example.com, b.example.com\nA.example.com;*.example.com', 'SANs'),
		).toEqual(['a.example.com', 'b.example.com', '*.example.com']);
		expect(assertHostNames(['a.example.com', 'b.example.com'], 'SANs')).toEqual([
			'a.example.com',
			'b.example.com',
		]);
		expect(assertHostNames('', 'SANs')).toEqual([]);
		expect(assertHostNames(undefined, 'SANs')).toEqual([]);
	});

	it('names the SAN field and the bad name', () => {
		expect(() =>
			assertHostNames('a.example.com, bad_name.example.com', 'Other Host Names (SANs)'),
		).toThrow('Other Host Names (SANs) "bad_name.example.com" is not a host name');
		expect(() => assertHostNames({ a: 1 }, 'SANs')).toThrow(
			'SANs must be host names separated by commas, but it is an object {"a":1}',
		);
	});
});

describe('assertFutureDay', () => {
	const now = Date.parse('2026-11-25T12:00:00Z');
	it('takes YYYY-MM-DD, an ISO date-time (the date picker) or a Date, after today', () => {
		expect(assertFutureDay('2026-11-26', 'End Date', now)).toBe('2026-11-26');
		expect(assertFutureDay('2027-06-01T00:00:00.000+02:00', 'End Date', now)).toBe('2027-06-01');
		expect(assertFutureDay(new Date('2027-01-02T10:00:00Z'), 'End Date', now)).toBe('2027-01-02');
	});
	it('refuses today, a past day, a day that does not exist and other text', () => {
		expect(() => assertFutureDay('2026-11-25', 'End Date', now)).toThrow(
			'End Date must be after today (2026-11-25), but it is 2026-11-25',
		);
		expect(() => assertFutureDay('2025-01-01', 'End Date', now)).toThrow(
			'End Date must be after today (2026-11-25), but it is 2025-01-01',
		);
		expect(() => assertFutureDay('2027-02-30', 'End Date', now)).toThrow(
			'End Date must be a date (YYYY-MM-DD), but it is "2027-02-30"',
		);
		expect(() => assertFutureDay('next year', 'End Date', now)).toThrow(
			'End Date must be a date (YYYY-MM-DD)',
		);
		expect(() => assertFutureDay('', 'End Date', now)).toThrow(
			'End Date must be a date (YYYY-MM-DD), but it is ""',
		);
	});
});

describe('other checks', () => {
	it('assertOneOf lists the allowed values', () => {
		expect(assertOneOf('superseded', ['superseded', 'key_compromise'], 'Reason')).toBe(
			'superseded',
		);
		expect(() => assertOneOf('compromised', ['superseded', 'key_compromise'], 'Reason')).toThrow(
			'Reason must be one of superseded, key_compromise, but it is "compromised"',
		);
	});
	it('assertSerialNumber takes hexadecimal with or without colons, in capitals', () => {
		expect(assertSerialNumber('06:69:d4:6c', 'Serial Number')).toBe('0669D46C');
		expect(() => assertSerialNumber('0669/../x', 'Serial Number')).toThrow(
			'Serial Number must be a hexadecimal serial number',
		);
		expect(() => assertSerialNumber('A'.repeat(41), 'Serial Number')).toThrow(
			'Serial Number must be a hexadecimal serial number',
		);
	});
	it('assertText trims, takes numbers, refuses objects, and can require text', () => {
		expect(assertText('  CHG-1 ', 'Note')).toBe('CHG-1');
		expect(assertText(42, 'Note')).toBe('42');
		expect(assertText(undefined, 'Note')).toBe('');
		expect(() => assertText({}, 'Note')).toThrow('Note must be text, but it is an object {}');
		expect(() => assertText('  ', 'Note', true)).toThrow('Note is required');
	});
});
