import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { digiCertNode, inputNodes, runWorkflow } from '../../../../helpers/engine';
import { credentialFor, fakeData, fakeFiles } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import {
	downloadFileName,
	fileNameFromDisposition,
	safeFileName,
} from '../../../../../nodes/DigiCert/resources/certificate/download';

const server = useFakeCertCentral();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const orderWith = (test: (order: any) => boolean) => [...server.data.orders.values()].find(test);

async function download(parameters: INodeParameters, input: IDataObject[] = [{}]) {
	return await runWorkflow(
		[...inputNodes(input), digiCertNode({ resource: 'certificate', operation: 'download', ...parameters })],
		{ credentials: credentialFor(server) },
	);
}

async function binaryContent(result: Awaited<ReturnType<typeof download>>, index: number, property = 'data') {
	const binary = result.items()[index].binary![property];
	// Filesystem or database mode: the data is referenced by id; default (memory) mode: base64 in `data`.
	if (binary.id) {
		const { Container } = await import('@n8n/di');
		const { BinaryDataService } = await import('n8n-core');
		return await Container.get(BinaryDataService).getAsBuffer(binary);
	}
	return Buffer.from(binary.data, 'base64');
}

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
		expect(item.binary!.data).toMatchObject({ fileName: 'example_com.pem', mimeType: 'application/x-pem-file', fileExtension: 'pem' });
		const expected = fakeFiles.certificateFile(server.data.orders.get(fakeData.SEED_ORDER_ID), 'pem_all')!.content;
		const content = await binaryContent(result, 0);
		expect(content.equals(expected)).toBe(true);
		expect(item.json.fileSize).toBe(expected.length);
		const text = content.toString('utf8');
		expect(text.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('downloads a zip (default) byte for byte, and it unpacks into the certificate files', async () => {
		const order = orderWith((o) => o.status === 'issued' && o.id >= fakeData.FIRST_ORDER_ID && !o.certificate.common_name.startsWith('*'));
		const result = await download({ orderId: order.id, format: 'default' });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].path).toBe(`/services/v2/certificate/download/order/${order.id}/format/default`);
		const [item] = result.items();
		const stem = order.certificate.common_name.replace(/[^A-Za-z0-9_-]/g, '_');
		expect(item.json).toMatchObject({ fileName: `${stem}.zip`, mimeType: 'application/zip' });
		expect(item.binary!.data).toMatchObject({ mimeType: 'application/zip', fileName: `${stem}.zip` });
		const files = fakeFiles.readZip(await binaryContent(result, 0));
		expect(Object.keys(files).sort()).toEqual([`${stem}.crt`, 'DigiCertCA.crt', 'TrustedRoot.crt'].sort());
		expect(files[`${stem}.crt`].toString()).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
	});

	it.each([
		['p7b', 'application/x-pkcs7-certificates', 'p7b'],
		['cer', 'application/pkix-cert', 'cer'],
		['default_pem', 'application/zip', 'zip'],
		['apache', 'application/zip', 'zip'],
	])('format %s gives MIME type %s and extension .%s, into the chosen binary field', async (format, mimeType, extension) => {
		const result = await download({ orderId: fakeData.SEED_ORDER_ID, format, binaryPropertyName: 'certificate' });
		expect(result.error).toBeUndefined();
		expect(server.requests[0].path).toBe(`/services/v2/certificate/download/order/${fakeData.SEED_ORDER_ID}/format/${format}`);
		const [item] = result.items();
		expect(Object.keys(item.binary!)).toEqual(['certificate']);
		expect(item.binary!.certificate).toMatchObject({ mimeType, fileName: `example_com.${extension}` });
		const expected = fakeFiles.certificateFile(server.data.orders.get(fakeData.SEED_ORDER_ID), format)!.content;
		expect((await binaryContent(result, 0, 'certificate')).equals(expected)).toBe(true);
	});

	it('uses the chosen file name, adding the extension', async () => {
		const result = await download({ orderId: fakeData.SEED_ORDER_ID, options: { fileName: '={{ "site-" + $json.n }}' } }, [{ n: 7 }]);
		expect(result.items()[0].binary!.data.fileName).toBe('site-7.pem');
	});

	it('downloads one file per input item, each paired with its item', async () => {
		const issued = [...server.data.orders.values()].filter((o) => o.status === 'issued').slice(0, 12);
		const result = await download({ orderId: '={{ $json.id }}' }, issued.map((o) => ({ id: o.id })));
		expect(result.error).toBeUndefined();
		const items = result.items();
		expect(items.map((i) => i.json.orderId)).toEqual(issued.map((o) => o.id));
		expect(items.map((i) => i.pairedItem)).toEqual(issued.map((_o, index) => ({ item: index })));
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
		expect(result.error?.message).toMatch(/^Format must be one of apache, cer, default, default_pem, p7b, pem_all, but it is "zip"/);
		expect(server.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a failed download is an error item and the others still download', async () => {
		const pending = orderWith((o) => o.status === 'pending');
		const result = await runWorkflow(
			[
				...inputNodes([{ id: fakeData.SEED_ORDER_ID }, { id: pending.id }]),
				digiCertNode({ resource: 'certificate', operation: 'download', orderId: '={{ $json.id }}' }, { onError: 'continueRegularOutput' }),
			],
			{ credentials: credentialFor(server) },
		);
		const items = result.items();
		expect(items).toHaveLength(2);
		expect(items[0].binary?.data).toBeDefined();
		expect(items[1].json.error).toMatch(/not available for download/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('download file names', () => {
	it('reads Content-Disposition forms', () => {
		expect(fileNameFromDisposition('attachment; filename="a_b.pem"')).toBe('a_b.pem');
		expect(fileNameFromDisposition('attachment; filename=a.zip')).toBe('a.zip');
		expect(fileNameFromDisposition("attachment; filename*=UTF-8''star_%C3%A9.pem")).toBe('star_é.pem');
		expect(fileNameFromDisposition(undefined)).toBeUndefined();
		expect(fileNameFromDisposition('inline')).toBeUndefined();
	});

	it('keeps only a safe base name', () => {
		expect(safeFileName('../../etc/passwd')).toBe('passwd');
		expect(safeFileName('C:\\x\\a<b>.pem')).toBe('a_b_.pem');
		expect(safeFileName('..')).toBeUndefined();
		expect(safeFileName('')).toBeUndefined();
	});

	it("prefers the chosen name, then DigiCert's, then certificate-<order>, always with the format's extension", () => {
		expect(downloadFileName({ chosen: 'mine', disposition: 'attachment; filename="x.pem"', orderId: 5, format: 'pem_all' })).toBe('mine.pem');
		expect(downloadFileName({ disposition: 'attachment; filename="x.pem"', orderId: 5, format: 'pem_all' })).toBe('x.pem');
		expect(downloadFileName({ disposition: 'attachment; filename="x.pem"', orderId: 5, format: 'default' })).toBe('x.pem.zip');
		expect(downloadFileName({ orderId: 5, format: 'p7b' })).toBe('certificate-5.p7b');
		expect(downloadFileName({ chosen: '../', orderId: 5, format: 'cer' })).toBe('certificate-5.cer');
	});
});
