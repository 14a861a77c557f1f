import { X509Certificate } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TestCredentialsHelper } from '../../../../helpers/engine';
import { fakeData, fakeFiles } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import {
	downloadFileName,
	fileNameFromDisposition,
	safeFileName,
} from '../../../../../nodes/DigiCert/resources/certificate/download';
import { containsSecretEncoded } from '../../../../../nodes/common/redaction';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

const orderWith = (test: (order: any) => boolean) => [...server.data.orders.values()].find(test);

async function download(parameters: INodeParameters, input: IDataObject[] = [{}]) {
	return await runDigiCert(
		server,
		{ resource: 'certificate', operation: 'download', ...parameters },
		{ input },
	);
}

async function binaryContent(
	result: Awaited<ReturnType<typeof download>>,
	index: number,
	property = 'data',
) {
	const binary = result.items()[index].binary![property];
	// Filesystem or database mode: the data is referenced by id; default (memory) mode: base64 in `data`.
	if (binary.id) {
		const { Container } = await import('@n8n/di');
		const { BinaryDataService } = await import('n8n-core');
		return await Container.get(BinaryDataService).getAsBuffer(binary);
	}
	return Buffer.from(binary.data, 'base64');
}

/** The certificates in a downloaded file: PEM blocks, a PEM-encoded PKCS#7 bundle, or a zip of PEM files. */
function certificatesIn(content: Buffer, mimeType: string): X509Certificate[] {
	if (mimeType === 'application/zip') {
		return Object.values(fakeFiles.readZip(content)).flatMap((file) =>
			certificatesIn(file, 'application/x-pem-file'),
		);
	}
	const text = content.toString('utf8');
	if (mimeType === 'application/x-pkcs7-certificates') {
		expect(text).toMatch(/^-----BEGIN PKCS7-----\n[A-Za-z0-9+/=\n]+-----END PKCS7-----\n$/);
		return pkcs7Certificates(
			Buffer.from(text.replace(/-----[A-Z0-9 ]+-----|\n/g, ''), 'base64'),
		).map((der) => new X509Certificate(der));
	}
	expect(text).toMatch(
		/^(-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n)+$/,
	);
	return text.split(/(?<=-----END CERTIFICATE-----\n)/).map((block) => new X509Certificate(block));
}

/** One DER element at `at`: its tag, where its content starts and ends. */
function derElement(der: Buffer, at: number) {
	const tag = der[at];
	let length = der[at + 1];
	let start = at + 2;
	if (length & 0x80) {
		const octets = length & 0x7f;
		length = der.readUIntBE(at + 2, octets);
		start += octets;
	}
	return { tag, start, end: start + length };
}

/** The certificates of a PKCS#7 SignedData (RFC 2315): ContentInfo → [0] → SignedData → certificates [0]. */
function pkcs7Certificates(der: Buffer): Buffer[] {
	const contentInfo = derElement(der, 0);
	const contentType = derElement(der, contentInfo.start);
	expect(der.subarray(contentType.start, contentType.end).toString('hex')).toBe(
		'2a864886f70d010702',
	); // signedData
	const explicit = derElement(der, contentType.end);
	const signedData = derElement(der, explicit.start);
	let at = signedData.start;
	while (at < signedData.end) {
		const element = derElement(der, at);
		if (element.tag === 0xa0) {
			const certificates: Buffer[] = [];
			for (let c = element.start; c < element.end; c = derElement(der, c).end)
				certificates.push(der.subarray(c, derElement(der, c).end));
			return certificates;
		}
		at = element.end;
	}
	throw new Error('no certificates in the PKCS#7 bundle');
}

/** No name holds the key (the check the client lends the operation). */
const noKey = () => false;

describe('Download Certificate', () => {
	it('downloads pem_all by default as a PEM file named after the common name', async () => {
		const result = await download({ orderId: String(fakeData.SEED_ORDER_ID) });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/services/v2/certificate/download/order/${fakeData.SEED_ORDER_ID}/format/pem_all`,
		});
		const [item] = result.items();
		expect(item.json).toEqual({
			orderId: fakeData.SEED_ORDER_ID,
			format: 'pem_all',
			fileName: 'example_com.pem',
			mimeType: 'application/x-pem-file',
			fileSize: expect.any(Number),
		});
		expect(item.binary!.data).toMatchObject({
			fileName: 'example_com.pem',
			mimeType: 'application/x-pem-file',
			fileExtension: 'pem',
		});
		const expected = fakeFiles.certificateFile(
			server.data.orders.get(fakeData.SEED_ORDER_ID),
			'pem_all',
		)!.content;
		const content = await binaryContent(result, 0);
		expect(content.equals(expected)).toBe(true);
		expect(item.json.fileSize).toBe(expected.length);
		const text = content.toString('utf8');
		expect(text.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('downloads a zip (default) byte for byte, and it unpacks into the certificate files', async () => {
		const order = orderWith(
			(o) =>
				o.status === 'issued' &&
				o.id >= fakeData.FIRST_ORDER_ID &&
				!o.certificate.common_name.startsWith('*'),
		);
		const result = await download({ orderId: order.id, format: 'default' });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].path).toBe(
			`/services/v2/certificate/download/order/${order.id}/format/default`,
		);
		const [item] = result.items();
		const stem = order.certificate.common_name.replace(/[^A-Za-z0-9_-]/g, '_');
		expect(item.json).toMatchObject({ fileName: `${stem}.zip`, mimeType: 'application/zip' });
		expect(item.binary!.data).toMatchObject({
			mimeType: 'application/zip',
			fileName: `${stem}.zip`,
		});
		const files = fakeFiles.readZip(await binaryContent(result, 0));
		expect(Object.keys(files).sort()).toEqual(
			[`${stem}.crt`, 'DigiCertCA.crt', 'TrustedRoot.crt'].sort(),
		);
		expect(files[`${stem}.crt`].toString()).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
	});

	// DigiCert's glossary: the Content-Type and extension of each format, and what it holds.
	it.each([
		['pem_all', 'application/x-pem-file', 'pem', ['leaf', 'intermediate', 'root']],
		['pem_noroot', 'application/x-pem-file', 'pem', ['leaf', 'intermediate']],
		['pem_nointermediate', 'application/x-pem-file', 'pem', ['leaf']],
		['p7b', 'application/x-pkcs7-certificates', 'p7b', ['leaf', 'intermediate', 'root']],
		['cer', 'application/x-pkcs7-certificates', 'cer', ['leaf', 'intermediate', 'root']],
		['default', 'application/zip', 'zip', ['leaf', 'intermediate', 'root']],
		['default_pem', 'application/zip', 'zip', ['leaf', 'intermediate', 'root']],
		['default_cer', 'application/zip', 'zip', ['leaf', 'intermediate', 'root']],
		['apache', 'application/zip', 'zip', ['leaf', 'intermediate']],
	])(
		'format %s is %s, .%s, holding %j, into the chosen binary field',
		async (format, mimeType, extension, parts) => {
			const order = server.data.orders.get(fakeData.SEED_ORDER_ID);
			const result = await download({
				orderId: fakeData.SEED_ORDER_ID,
				format,
				binaryPropertyName: 'certificate',
			});
			expect(result.error).toBeUndefined();
			expect(server.requests[0].path).toBe(
				`/services/v2/certificate/download/order/${fakeData.SEED_ORDER_ID}/format/${format}`,
			);
			const [item] = result.items();
			expect(Object.keys(item.binary!)).toEqual(['certificate']);
			expect(item.binary!.certificate).toMatchObject({
				mimeType,
				fileName: `example_com.${extension}`,
			});
			expect(item.json).toMatchObject({ orderId: fakeData.SEED_ORDER_ID, format, mimeType });
			const content = await binaryContent(result, 0, 'certificate');
			const certificates = certificatesIn(content, mimeType);
			expect(certificates.map((c) => c.subject.match(/CN=(.*)$/m)?.[1])).toEqual(
				parts.map(
					(part) =>
						({
							leaf: 'example.com',
							intermediate: 'Fake CertCentral Test TLS CA',
							root: 'Fake CertCentral Test Root CA',
						})[part],
				),
			);
			// A real chain: the end entity is the order's certificate, signed by the intermediate, signed by the root.
			const [leaf] = certificates;
			expect(leaf.serialNumber).toBe(order.certificate.serial_number.replace(/^0+/, ''));
			expect(leaf.subjectAltName).toBe('DNS:example.com, DNS:www.example.com');
			expect(leaf.validTo).toContain(
				new Date(`${order.certificate.valid_till}T00:00:00Z`).getUTCFullYear().toString(),
			);
			if (certificates[1]) expect(leaf.verify(certificates[1].publicKey)).toBe(true);
		},
	);

	it('uses the chosen file name, adding the extension', async () => {
		const result = await download(
			{ orderId: fakeData.SEED_ORDER_ID, options: { fileName: '={{ "site-" + $json.n }}' } },
			[{ n: 7 }],
		);
		expect(result.items()[0].binary!.data.fileName).toBe('site-7.pem');
	});

	it('downloads one file per input item, each paired with its item', async () => {
		const issued = [...server.data.orders.values()]
			.filter((o) => o.status === 'issued')
			.slice(0, 12);
		const result = await download(
			{ orderId: '={{ $json.id }}' },
			issued.map((o) => ({ id: o.id })),
		);
		expect(result.error).toBeUndefined();
		const items = result.items();
		expect(items.map((i) => i.json.orderId)).toEqual(issued.map((o) => o.id));
		expect(items.map((i) => i.pairedItem)).toEqual(issued.map((_o, index) => ({ item: index })));
	});

	it('reads the credential once per run, not once per file', async () => {
		const decrypt = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
		try {
			const issued = [...server.data.orders.values()]
				.filter((o) => o.status === 'issued')
				.slice(0, 5);
			const result = await download(
				{ orderId: '={{ $json.id }}' },
				issued.map((o) => ({ id: o.id })),
			);
			expect(result.items()).toHaveLength(5);
			expect(decrypt).toHaveBeenCalledTimes(1);
		} finally {
			decrypt.mockRestore();
		}
	});

	it('keeps the API key out of the run and its binary metadata', async () => {
		const result = await download({ orderId: fakeData.SEED_ORDER_ID, format: 'default' });
		expect(result.error).toBeUndefined();
		expect(JSON.stringify(result.run)).not.toContain(server.apiKey);
	});

	it('says the order was not found for an unknown order', async () => {
		const result = await download({ orderId: 99999 });
		expect(result.error?.message).toBe('Order 99999 was not found in DigiCert');
	});

	it("passes on DigiCert's error for an order that is not issued", async () => {
		const pending = orderWith((o) => o.status === 'pending');
		const result = await download({ orderId: pending.id });
		expect(result.error?.message).toBe(
			`The certificate for order ${pending.id} is not available for download: the order is pending.`,
		);
		expect(server.requests).toHaveLength(1);
	});

	it('refuses an unknown format before sending anything', async () => {
		const result = await download({ orderId: fakeData.SEED_ORDER_ID, format: '={{ "zip" }}' });
		expect(result.error?.message).toMatch(
			/^Format must be one of pem_all, pem_noroot, pem_nointermediate, p7b, cer, default, default_pem, default_cer, apache, but it is "zip"/,
		);
		expect(server.requests).toHaveLength(0);
	});

	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
		'refuses %s as a format (an inherited key, not a format)',
		async (format) => {
			const result = await download({ orderId: fakeData.SEED_ORDER_ID, format });
			expect(result.error?.message).toMatch(
				new RegExp(`^Format must be one of pem_all, .*, but it is "${format}"$`),
			);
			expect(server.requests).toHaveLength(0);
		},
	);

	it('with Continue On Fail, a failed download is an error item and the others still download', async () => {
		const pending = orderWith((o) => o.status === 'pending');
		const result = await runDigiCert(
			server,
			{ resource: 'certificate', operation: 'download', orderId: '={{ $json.id }}' },
			{
				input: [{ id: fakeData.SEED_ORDER_ID }, { id: pending.id }],
				node: { onError: 'continueRegularOutput' },
			},
		);
		const items = result.items();
		expect(items).toHaveLength(2);
		expect(items[0].binary?.data).toBeDefined();
		expect(items[1].json.error).toMatch(/not available for download/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Download Certificate by certificate ID', () => {
	const reissueWith = (status: string) =>
		[...server.data.reissues.entries()]
			.map(([orderId, list]) => ({
				orderId,
				certificate: list.find((c: any) => c.status === status),
			}))
			.find((r) => r.certificate);

	it("downloads a reissued certificate, which the order's download cannot give", async () => {
		const { orderId, certificate } = reissueWith('issued')!;
		const result = await download({
			downloadBy: 'certificate',
			certificateId: String(certificate.id),
			format: 'pem_noroot',
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.path)).toEqual([
			`/services/v2/certificate/${certificate.id}/download/format/pem_noroot`,
		]);
		const [item] = result.items();
		const stem = certificate.common_name.replace(/^\*\./, 'star_').replace(/[^A-Za-z0-9_-]/g, '_');
		expect(item.json).toEqual({
			certificateId: certificate.id,
			format: 'pem_noroot',
			fileName: `${stem}.pem`,
			mimeType: 'application/x-pem-file',
			fileSize: expect.any(Number),
		});
		const [leaf, intermediate, ...rest] = certificatesIn(
			await binaryContent(result, 0),
			'application/x-pem-file',
		);
		expect(rest).toEqual([]);
		expect(leaf.serialNumber).toBe(certificate.serial_number.replace(/^0+/, ''));
		expect(leaf.verify(intermediate.publicKey)).toBe(true);
		// The order's own download gives its current certificate, another serial number.
		const current = await download({ orderId: String(orderId), format: 'pem_nointermediate' });
		const [orderLeaf] = certificatesIn(await binaryContent(current, 0), 'application/x-pem-file');
		expect(orderLeaf.serialNumber).not.toBe(leaf.serialNumber);
	});

	it('downloads a duplicate (from List Order Duplicates) as a PKCS#7 bundle', async () => {
		const [duplicate] = fakeData.seeds.orderDuplicates.certificates as Array<{ id: number }>;
		const result = await download({
			downloadBy: 'certificate',
			certificateId: duplicate.id,
			format: 'p7b',
		});
		expect(result.error).toBeUndefined();
		expect(server.requests[0].path).toBe(
			`/services/v2/certificate/${duplicate.id}/download/format/p7b`,
		);
		expect(result.items()[0].json).toMatchObject({
			certificateId: duplicate.id,
			mimeType: 'application/x-pkcs7-certificates',
			fileName: 'example_com.p7b',
		});
		expect(
			certificatesIn(await binaryContent(result, 0), 'application/x-pkcs7-certificates'),
		).toHaveLength(3);
	});

	it('says the certificate was not found for an unknown certificate ID', async () => {
		const result = await download({ downloadBy: 'certificate', certificateId: 999 });
		expect(result.error?.message).toBe('Certificate 999 was not found in DigiCert');
	});

	it("passes on DigiCert's error for a reissue that is still pending", async () => {
		const { certificate } = reissueWith('pending')!;
		const result = await download({ downloadBy: 'certificate', certificateId: certificate.id });
		expect(result.error?.message).toBe(
			`The certificate ${certificate.id} is not available for download: its status is pending.`,
		);
	});

	it.each([['12/../../user/me'], ['12?format=x'], ['={{ "" }}'], [-4]])(
		'refuses certificate ID %j before sending anything',
		async (certificateId) => {
			const result = await download({ downloadBy: 'certificate', certificateId });
			expect(result.error?.message).toMatch(/^Certificate ID must be a positive whole number/);
			expect(server.requests).toHaveLength(0);
		},
	);

	it('refuses an unknown Download By and a format that is an object key, not a format', async () => {
		expect((await download({ downloadBy: 'serial', orderId: 1 })).error?.message).toBe(
			'Download By must be one of order, certificate, but it is "serial"',
		);
		expect(
			(await download({ orderId: fakeData.SEED_ORDER_ID, format: 'constructor' })).error?.message,
		).toMatch(/^Format must be one of/);
		expect(server.requests).toHaveLength(0);
	});
});

describe('download file names', () => {
	it('reads Content-Disposition forms', () => {
		expect(fileNameFromDisposition('attachment; filename="a_b.pem"')).toBe('a_b.pem');
		expect(fileNameFromDisposition('attachment; filename=a.zip')).toBe('a.zip');
		expect(fileNameFromDisposition("attachment; filename*=UTF-8''star_%C3%A9.pem")).toBe(
			'star_é.pem',
		);
		// A malformed sequence stays as it is; the rest is decoded.
		expect(fileNameFromDisposition("attachment; filename*=UTF-8''star_%C3%A9%zz.pem")).toBe(
			'star_é%zz.pem',
		);
		expect(fileNameFromDisposition(undefined)).toBeUndefined();
		expect(fileNameFromDisposition('inline')).toBeUndefined();
	});

	it('keeps only a safe base name', () => {
		expect(safeFileName('../../etc/passwd')).toBe('passwd');
		expect(safeFileName('C:\\x\\a<b>.pem')).toBe('a_b_.pem');
		// Control characters (NUL, a line break, 0x1f) become _, a space (0x20) stays.
		expect(safeFileName('a\u0000b\nc\u001fd e.pem')).toBe('a_b_c_d e.pem');
		expect(safeFileName('..')).toBeUndefined();
		expect(safeFileName('')).toBeUndefined();
	});

	it("prefers the chosen name, then DigiCert's, then certificate-<order>, always with the format's extension", () => {
		expect(
			downloadFileName({
				chosen: 'mine',
				disposition: 'attachment; filename="x.pem"',
				id: 5,
				format: 'pem_all',
				containsSecret: noKey,
			}),
		).toBe('mine.pem');
		expect(
			downloadFileName({
				disposition: 'attachment; filename="x.pem"',
				id: 5,
				format: 'pem_all',
				containsSecret: noKey,
			}),
		).toBe('x.pem');
		expect(
			downloadFileName({
				disposition: 'attachment; filename="x.pem"',
				id: 5,
				format: 'default',
				containsSecret: noKey,
			}),
		).toBe('x.pem.zip');
		expect(downloadFileName({ id: 5, format: 'p7b', containsSecret: noKey })).toBe(
			'certificate-5.p7b',
		);
		expect(downloadFileName({ chosen: '../', id: 5, format: 'cer', containsSecret: noKey })).toBe(
			'certificate-5.cer',
		);
	});

	it("falls back to certificate-<order> when DigiCert's name repeats the key, plainly or percent-encoded", () => {
		const secret = 'CANARY-dc-key-5b1e0c7a9d3f';
		const containsSecret = (text: string) => containsSecretEncoded(text, secret);
		const encoded = Array.from(secret, (c) => `%${c.charCodeAt(0).toString(16)}`).join('');
		for (const disposition of [
			`attachment; filename="${secret}.pem"`,
			`attachment; filename="${encoded}%zz.pem"`,
			`attachment; filename*=UTF-8''${encoded}%zz.pem`,
		]) {
			expect(downloadFileName({ disposition, id: 5, format: 'pem_all', containsSecret })).toBe(
				'certificate-5.pem',
			);
		}
		expect(
			downloadFileName({
				disposition: 'attachment; filename="x.pem"',
				id: 5,
				format: 'pem_all',
				containsSecret,
			}),
		).toBe('x.pem');
	});
});
