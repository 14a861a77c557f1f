// @ts-check
'use strict';
/**
 * Certificate files the fake serves for downloads: PEM text that looks like DigiCert's (base64 of
 * deterministic DER-like bytes, 64 characters a line), PKCS#7, DER, and real zip archives built by
 * hand with node's zlib (no dependency).
 */
const zlib = require('node:zlib');

/** A small deterministic byte generator (mulberry32), so the same order always gives the same file. */
function bytesFor(/** @type {number} */ seed, /** @type {number} */ length) {
	let state = seed >>> 0;
	const out = Buffer.alloc(length);
	for (let i = 0; i < length; i++) {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
	}
	// A DER SEQUENCE header, as a real certificate starts (30 82 len len).
	out[0] = 0x30;
	out[1] = 0x82;
	out.writeUInt16BE(length - 4, 2);
	return out;
}

function pemBlock(/** @type {string} */ label, /** @type {Buffer} */ der) {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The DER bytes of an order's certificate, of DigiCert's intermediate and of its root. */
function certificateChain(/** @type {number} */ orderId) {
	return {
		leaf: bytesFor(orderId, 1302),
		intermediate: bytesFor(0x1d1c, 1196),
		root: bytesFor(0x2007, 947),
	};
}

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

/** What each download format is: content type, file name and content. */
const FORMATS = ['pem_all', 'pem_noroot', 'p7b', 'cer', 'default', 'default_pem', 'apache', 'nginx'];

/**
 * The file for an order's certificate in `format`, or undefined for a format DigiCert does not know.
 * @param {{ id: number, certificate: { common_name: string } }} order
 * @param {string} format
 * @returns {{ contentType: string, fileName: string, content: Buffer } | undefined}
 */
function certificateFile(order, format) {
	const chain = certificateChain(order.id);
	const stem = fileStem(order.certificate.common_name);
	const leafPem = pemBlock('CERTIFICATE', chain.leaf);
	const intermediatePem = pemBlock('CERTIFICATE', chain.intermediate);
	const rootPem = pemBlock('CERTIFICATE', chain.root);
	const text = (/** @type {string} */ s) => Buffer.from(s, 'utf8');
	switch (format) {
		case 'pem_all':
			return { contentType: 'application/x-pem-file', fileName: `${stem}.pem`, content: text(leafPem + intermediatePem + rootPem) };
		case 'pem_noroot':
			return { contentType: 'application/x-pem-file', fileName: `${stem}.pem`, content: text(leafPem + intermediatePem) };
		case 'p7b':
			return {
				contentType: 'application/x-pkcs7-certificates',
				fileName: `${stem}.p7b`,
				content: text(pemBlock('PKCS7', Buffer.concat([chain.leaf, chain.intermediate, chain.root]))),
			};
		case 'cer':
			return { contentType: 'application/pkix-cert', fileName: `${stem}.cer`, content: chain.leaf };
		case 'default':
			return {
				contentType: 'application/zip',
				fileName: `${stem}.zip`,
				content: buildZip([
					{ name: `${stem}.crt`, content: leafPem },
					{ name: 'DigiCertCA.crt', content: intermediatePem },
					{ name: 'TrustedRoot.crt', content: rootPem },
				]),
			};
		case 'default_pem':
			return {
				contentType: 'application/zip',
				fileName: `${stem}.zip`,
				content: buildZip([
					{ name: `${stem}.pem`, content: leafPem },
					{ name: 'DigiCertCA.pem', content: intermediatePem },
					{ name: 'TrustedRoot.pem', content: rootPem },
				]),
			};
		case 'apache':
			return {
				contentType: 'application/zip',
				fileName: `${stem}.zip`,
				content: buildZip([
					{ name: `${stem}.crt`, content: leafPem },
					{ name: 'DigiCertCA.crt', content: intermediatePem },
				]),
			};
		case 'nginx':
			return {
				contentType: 'application/zip',
				fileName: `${stem}.zip`,
				content: buildZip([{ name: `${stem}.crt`, content: leafPem + intermediatePem }]),
			};
		default:
			return undefined;
	}
}

module.exports = { buildZip, readZip, crc32, pemBlock, certificateChain, certificateFile, fileStem, FORMATS };
