// @ts-check
'use strict';
/**
 * Certificate files the fake serves for downloads, in the shapes of DigiCert's glossary
 * (https://dev.digicert.com/glossary/, "Certificate formats"): PEM bundles, PEM-encoded PKCS#7
 * bundles and zip archives of separate PEM files. The certificates are real X.509 (./x509.js); the
 * zips are real archives built with node's zlib (no dependency).
 */
const zlib = require('node:zlib');

const { issuedChain, pem, pkcs7 } = require('./x509');

// CRC-32 (the zip one), table-driven.
const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();
function crc32(/** @type {Buffer} */ data) {
	let crc = 0xffffffff;
	for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A valid zip archive (deflate, no extras) of `files`; `unzip -t` and any zip library accept it.
 * @param {Array<{name: string, content: string | Buffer}>} files
 */
function buildZip(files) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	// A fixed DOS time (2024-01-01 00:00) keeps the archive byte-for-byte deterministic.
	const dosTime = 0;
	const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1;
	for (const file of files) {
		const name = Buffer.from(file.name, 'utf8');
		const data = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
		const compressed = zlib.deflateRawSync(data);
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8); // deflate
		local.writeUInt16LE(dosTime, 10);
		local.writeUInt16LE(dosDate, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(compressed.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		locals.push(local, name, compressed);

		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4); // made by
		central.writeUInt16LE(20, 6); // needed
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt16LE(dosTime, 12);
		central.writeUInt16LE(dosDate, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(compressed.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(name.length, 28);
		// extra, comment, disk, internal attrs = 0
		central.writeUInt32LE(0, 38); // external attrs
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += local.length + name.length + compressed.length;
	}
	const centralDirectory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(centralDirectory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, centralDirectory, end]);
}

/**
 * Reads a zip built by `buildZip` (or any deflate/stored zip without data descriptors) back into
 * `{name: content}`: tests use it to check a downloaded archive.
 */
function readZip(/** @type {Buffer} */ zip) {
	/** @type {Record<string, Buffer>} */
	const files = {};
	const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (endAt < 0) throw new Error('not a zip: no end of central directory');
	const count = zip.readUInt16LE(endAt + 10);
	let at = zip.readUInt32LE(endAt + 16);
	for (let i = 0; i < count; i++) {
		if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
		const method = zip.readUInt16LE(at + 10);
		const crc = zip.readUInt32LE(at + 16);
		const compressedSize = zip.readUInt32LE(at + 20);
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const localAt = zip.readUInt32LE(at + 42);
		const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
		const localNameLength = zip.readUInt16LE(localAt + 26);
		const localExtraLength = zip.readUInt16LE(localAt + 28);
		const dataAt = localAt + 30 + localNameLength + localExtraLength;
		const raw = zip.subarray(dataAt, dataAt + compressedSize);
		const content = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
		if (crc32(content) !== crc) throw new Error(`CRC mismatch for ${name}`);
		files[name] = content;
		at += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}

/** The file name DigiCert gives a certificate of this common name: `*.example.com` → `star_example_com`. */
function fileStem(/** @type {string} */ commonName) {
	return commonName.replace(/^\*\./, 'star_').replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * DigiCert's formats (glossary: "All returned certificates use PEM encoding"): Content-Type and, for
 * the zips, the files inside. The zips' inner file names and the Content-Disposition names are
 * ASSUMED (DigiCert documents only the extension); default_pem's files are `.crt`, as the glossary
 * says, though the name suggests `.pem`. The glossary's list ends with pem_noroot in the copy read.
 * @type {Record<string, { contentType: string, extension: string, chain?: Array<'leaf'|'intermediate'|'root'>, zip?: Array<{ part: 'leaf'|'intermediate'|'root', extension: string }> }>}
 */
const FORMAT_SHAPES = {
	pem_all: {
		contentType: 'application/x-pem-file',
		extension: 'pem',
		chain: ['leaf', 'intermediate', 'root'],
	},
	pem_noroot: {
		contentType: 'application/x-pem-file',
		extension: 'pem',
		chain: ['leaf', 'intermediate'],
	},
	pem_nointermediate: { contentType: 'application/x-pem-file', extension: 'pem', chain: ['leaf'] },
	p7b: { contentType: 'application/x-pkcs7-certificates', extension: 'p7b' },
	cer: { contentType: 'application/x-pkcs7-certificates', extension: 'cer' },
	default: {
		contentType: 'application/zip',
		extension: 'zip',
		zip: zipOf('crt', ['leaf', 'intermediate', 'root']),
	},
	default_pem: {
		contentType: 'application/zip',
		extension: 'zip',
		zip: zipOf('crt', ['leaf', 'intermediate', 'root']),
	},
	default_cer: {
		contentType: 'application/zip',
		extension: 'zip',
		zip: zipOf('cer', ['leaf', 'intermediate', 'root']),
	},
	apache: {
		contentType: 'application/zip',
		extension: 'zip',
		zip: zipOf('crt', ['leaf', 'intermediate']),
	},
};
const FORMATS = Object.keys(FORMAT_SHAPES);

function zipOf(
	/** @type {string} */ extension,
	/** @type {Array<'leaf'|'intermediate'|'root'>} */ parts,
) {
	return parts.map((part) => ({ part, extension }));
}

/** The name of each part inside a zip: the certificate's stem, DigiCert's CA and root (ASSUMED names). */
const PART_NAMES = { intermediate: 'DigiCertCA', root: 'TrustedRoot' };

/**
 * The file for a certificate in `format`, or undefined for a format DigiCert does not document.
 * `subject` is a certificate record (an order's `certificate`, a duplicate or a reissue) or an order.
 * @param {{ id: number, common_name: string, dns_names?: string[], serial_number?: string, valid_from?: string, valid_till?: string } | { certificate: any }} subject
 * @param {string} format
 * @returns {{ contentType: string, fileName: string, content: Buffer } | undefined}
 */
function certificateFile(subject, format) {
	const shape = Object.prototype.hasOwnProperty.call(FORMAT_SHAPES, format)
		? FORMAT_SHAPES[format]
		: undefined;
	if (shape === undefined) return undefined;
	const certificate = 'certificate' in subject ? subject.certificate : subject;
	const chain = issuedChain(certificate);
	const stem = fileStem(certificate.common_name);
	const pemOf = (/** @type {'leaf'|'intermediate'|'root'} */ part) =>
		pem('CERTIFICATE', chain[part]);
	let content;
	if (shape.chain) content = Buffer.from(shape.chain.map(pemOf).join(''), 'utf8');
	else if (shape.zip) {
		content = buildZip(
			shape.zip.map(({ part, extension }) => ({
				name: `${part === 'leaf' ? stem : PART_NAMES[part]}.${extension}`,
				content: pemOf(part),
			})),
		);
	} else
		content = Buffer.from(
			pem('PKCS7', pkcs7([chain.leaf, chain.intermediate, chain.root])),
			'utf8',
		);
	return { contentType: shape.contentType, fileName: `${stem}.${shape.extension}`, content };
}

module.exports = { buildZip, readZip, crc32, certificateFile, fileStem, FORMATS, FORMAT_SHAPES };
