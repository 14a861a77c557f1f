// @ts-check
'use strict';
/**
 * Real X.509 certificates and PKCS#7 bundles for the fake CertCentral's downloads, built with
 * node:crypto and a small DER encoder (no dependency): a test root CA, an intermediate it signed,
 * and for each certificate the fake serves an end-entity certificate the intermediate signed,
 * carrying the certificate's own common name, DNS names, serial number and validity.
 *
 * Keys are Ed25519, derived from fixed seeds: Ed25519 signatures are deterministic, so every
 * process (a test, the e2e suite's n8n, `npm run dev`) builds the same bytes for the same
 * certificate. DigiCert issues RSA or ECDSA certificates; what the node handles is the file's
 * shape (PEM blocks, PKCS#7, zip), which is the same. `openssl x509`, `openssl pkcs7 -print_certs`
 * and node's X509Certificate read these files, and `openssl verify` accepts the chain.
 */
const crypto = require('node:crypto');

// ---- DER ----

function length(/** @type {number} */ n) {
	if (n < 0x80) return Buffer.from([n]);
	const bytes = [];
	for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}
/** A DER element: tag, length, content. */
function tlv(/** @type {number} */ tag, /** @type {Buffer[]} */ ...parts) {
	const content = Buffer.concat(parts);
	return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}
const sequence = (/** @type {Buffer[]} */ ...parts) => tlv(0x30, ...parts);
const set = (/** @type {Buffer[]} */ ...parts) => tlv(0x31, ...parts);
const explicit = (/** @type {number} */ n, /** @type {Buffer[]} */ ...parts) =>
	tlv(0xa0 + n, ...parts);
const octetString = (/** @type {Buffer} */ b) => tlv(0x04, b);
const bitString = (/** @type {Buffer} */ b) => tlv(0x03, Buffer.from([0]), b);
const utf8 = (/** @type {string} */ s) => tlv(0x0c, Buffer.from(s, 'utf8'));
const printable = (/** @type {string} */ s) => tlv(0x13, Buffer.from(s, 'ascii'));
const boolean = (/** @type {boolean} */ v) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

function oid(/** @type {string} */ dotted) {
	const [a, b, ...rest] = dotted.split('.').map(Number);
	const bytes = [a * 40 + b];
	for (const arc of rest) {
		const chunk = [arc & 0x7f];
		for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128))
			chunk.unshift(0x80 | (v & 0x7f));
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}

/** A positive INTEGER from hex digits (a certificate serial number). */
function integerFromHex(/** @type {string} */ hex) {
	const digits = hex.replace(/^0+/, '') || '0';
	let bytes = Buffer.from(digits.length % 2 === 1 ? `0${digits}` : digits, 'hex');
	if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
	return tlv(0x02, bytes);
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(/** @type {Date} */ date) {
	const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
	return date.getUTCFullYear() < 2050
		? tlv(0x17, Buffer.from(iso.slice(2), 'ascii'))
		: tlv(0x18, Buffer.from(iso, 'ascii'));
}

const OID = {
	commonName: '2.5.4.3',
	country: '2.5.4.6',
	organization: '2.5.4.10',
	ed25519: '1.3.101.112',
	basicConstraints: '2.5.29.19',
	keyUsage: '2.5.29.15',
	extKeyUsage: '2.5.29.37',
	subjectAltName: '2.5.29.17',
	subjectKeyIdentifier: '2.5.29.14',
	authorityKeyIdentifier: '2.5.29.35',
	serverAuth: '1.3.6.1.5.5.7.3.1',
	clientAuth: '1.3.6.1.5.5.7.3.2',
	pkcs7SignedData: '1.2.840.113549.1.7.2',
	pkcs7Data: '1.2.840.113549.1.7.1',
};

/** @param {{ country?: string, organization?: string, commonName: string }} name */
function distinguishedName(name) {
	const rdn = (/** @type {string} */ type, /** @type {Buffer} */ value) =>
		set(sequence(oid(type), value));
	return sequence(
		...(name.country ? [rdn(OID.country, printable(name.country))] : []),
		...(name.organization ? [rdn(OID.organization, utf8(name.organization))] : []),
		rdn(OID.commonName, utf8(name.commonName)),
	);
}

const extension = (
	/** @type {string} */ id,
	/** @type {boolean} */ critical,
	/** @type {Buffer} */ value,
) => sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));

/** An Ed25519 key pair from a 32-byte seed (PKCS#8 wraps the seed as it is). */
function keyFromSeed(/** @type {string} */ label) {
	const seed = crypto.createHash('sha256').update(`fake-certcentral ${label}`).digest();
	const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
	const privateKey = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
	const spki = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
	// The key identifier: SHA-1 of the public key bits (RFC 5280 4.2.1.2, method 1).
	return { privateKey, spki, keyId: crypto.createHash('sha1').update(spki.subarray(12)).digest() };
}

/**
 * @typedef {{ commonName: string, country?: string, organization?: string }} Name
 * @typedef {{ privateKey: crypto.KeyObject, spki: Buffer, keyId: Buffer }} Key
 * @param {{ serialHex: string, subject: Name, issuer: Name, subjectKey: Key, issuerKey: Key,
 *   notBefore: Date, notAfter: Date, ca: boolean, dnsNames?: string[] }} spec
 * @returns {Buffer} the certificate's DER
 */
function certificate(spec) {
	const algorithm = sequence(oid(OID.ed25519));
	const extensions = [
		extension(OID.basicConstraints, true, sequence(...(spec.ca ? [boolean(true)] : []))),
		// keyCertSign + cRLSign for CAs; digitalSignature for end entities.
		extension(
			OID.keyUsage,
			true,
			spec.ca ? tlv(0x03, Buffer.from([1, 0x06])) : tlv(0x03, Buffer.from([7, 0x80])),
		),
		extension(OID.subjectKeyIdentifier, false, octetString(spec.subjectKey.keyId)),
		extension(OID.authorityKeyIdentifier, false, sequence(tlv(0x80, spec.issuerKey.keyId))),
		...(spec.ca
			? []
			: [
					extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth), oid(OID.clientAuth))),
					extension(
						OID.subjectAltName,
						false,
						sequence(...(spec.dnsNames ?? []).map((d) => tlv(0x82, Buffer.from(d, 'ascii')))),
					),
				]),
	];
	const tbs = sequence(
		explicit(0, tlv(0x02, Buffer.from([2]))), // v3
		integerFromHex(spec.serialHex),
		algorithm,
		distinguishedName(spec.issuer),
		sequence(time(spec.notBefore), time(spec.notAfter)),
		distinguishedName(spec.subject),
		spec.subjectKey.spki,
		explicit(3, sequence(...extensions)),
	);
	const signature = crypto.sign(null, tbs, spec.issuerKey.privateKey);
	return sequence(tbs, algorithm, bitString(signature));
}

/** A degenerate PKCS#7 SignedData holding only certificates (what .p7b/.cer bundles are). */
function pkcs7(/** @type {Buffer[]} */ certificates) {
	const signedData = sequence(
		tlv(0x02, Buffer.from([1])),
		set(),
		sequence(oid(OID.pkcs7Data)),
		tlv(0xa0, ...certificates), // [0] IMPLICIT SET OF Certificate
		set(),
	);
	return sequence(oid(OID.pkcs7SignedData), explicit(0, signedData));
}

function pem(/** @type {string} */ label, /** @type {Buffer} */ der) {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const ROOT_NAME = {
	country: 'US',
	organization: 'Fake CertCentral (tests only)',
	commonName: 'Fake CertCentral Test Root CA',
};
const INTERMEDIATE_NAME = {
	country: 'US',
	organization: 'Fake CertCentral (tests only)',
	commonName: 'Fake CertCentral Test TLS CA',
};
const keys = {
	root: keyFromSeed('root'),
	intermediate: keyFromSeed('intermediate'),
	leaf: keyFromSeed('end entity'),
};

/** The two CA certificates, built once. */
const caCertificates = (() => {
	const root = certificate({
		serialHex: '01',
		subject: ROOT_NAME,
		issuer: ROOT_NAME,
		subjectKey: keys.root,
		issuerKey: keys.root,
		notBefore: new Date('2020-01-01T00:00:00Z'),
		notAfter: new Date('2045-01-01T00:00:00Z'),
		ca: true,
	});
	const intermediate = certificate({
		serialHex: '02',
		subject: INTERMEDIATE_NAME,
		issuer: ROOT_NAME,
		subjectKey: keys.intermediate,
		issuerKey: keys.root,
		notBefore: new Date('2020-01-01T00:00:00Z'),
		notAfter: new Date('2040-01-01T00:00:00Z'),
		ca: true,
	});
	return { root, intermediate };
})();

/**
 * The DER chain of one issued certificate: end entity, intermediate, root.
 * @param {{ common_name: string, dns_names?: string[], serial_number?: string, valid_from?: string, valid_till?: string, id: number }} cert
 */
function issuedChain(cert) {
	const leaf = certificate({
		serialHex: /^[0-9a-f]+$/i.test(cert.serial_number ?? '')
			? String(cert.serial_number)
			: cert.id.toString(16),
		subject: { commonName: cert.common_name },
		issuer: INTERMEDIATE_NAME,
		subjectKey: keys.leaf,
		issuerKey: keys.intermediate,
		notBefore: new Date(`${cert.valid_from ?? '2024-01-01'}T00:00:00Z`),
		notAfter: new Date(`${cert.valid_till ?? '2025-01-01'}T23:59:59Z`),
		ca: false,
		dnsNames: [...new Set([cert.common_name, ...(cert.dns_names ?? [])])],
	});
	return { leaf, intermediate: caCertificates.intermediate, root: caCertificates.root };
}

module.exports = { issuedChain, pkcs7, pem, caCertificates };
