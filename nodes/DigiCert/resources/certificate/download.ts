import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { optionsProperty, orderIdProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { assertPositiveId, quoteValue } from '../../../shared/validation';

type Parameters = { orderId: number; format: string; binaryPropertyName: string; fileName: string | undefined };

/** Each download format: the file's extension and MIME type (DigiCert's own Content-Type varies). */
export const DOWNLOAD_FORMATS: Record<string, { extension: string; mimeType: string }> = {
	apache: { extension: 'zip', mimeType: 'application/zip' },
	cer: { extension: 'cer', mimeType: 'application/pkix-cert' },
	default: { extension: 'zip', mimeType: 'application/zip' },
	default_pem: { extension: 'zip', mimeType: 'application/zip' },
	p7b: { extension: 'p7b', mimeType: 'application/x-pkcs7-certificates' },
	pem_all: { extension: 'pem', mimeType: 'application/x-pem-file' },
};

/** The file name in a Content-Disposition header (`filename="x"`, `filename=x` or RFC 5987 `filename*=`). */
export function fileNameFromDisposition(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
	let name: string | undefined;
	if (extended) {
		try {
			name = decodeURIComponent(extended[1].trim());
		} catch {
			name = undefined;
		}
	}
	name ??= /filename\s*=\s*"([^"]*)"/.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/.exec(header)?.[1];
	return name;
}

/** A file name safe for any file system: no path, no control or reserved characters. */
export function safeFileName(name: string): string | undefined {
	const base = name.split(/[\\/]/).pop() ?? '';
	const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
	return cleaned === '' || cleaned === '.' || cleaned === '..' ? undefined : cleaned;
}

/**
 * The downloaded file's name: the one the user chose, else DigiCert's (named after the common name),
 * else `certificate-<order>.<extension>` — always with the format's extension.
 */
export function downloadFileName(options: { chosen?: string; disposition?: unknown; orderId: number; format: string }): string {
	const { extension } = DOWNLOAD_FORMATS[options.format];
	const name =
		(options.chosen !== undefined ? safeFileName(options.chosen) : undefined) ??
		(() => {
			const fromServer = fileNameFromDisposition(options.disposition);
			return fromServer !== undefined ? safeFileName(fromServer) : undefined;
		})() ??
		`certificate-${options.orderId}.${extension}`;
	return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

export const download: DigiCertOperation<Parameters> = {
	value: 'download',
	name: 'Download Certificate',
	action: "Download an order's certificate",
	description:
		"Download the issued certificate of an order as a file (n8n binary data), ready for a Write File, email or S3 node. Formats: pem_all (one PEM file with the certificate, intermediate and root; the default), p7b (PKCS#7), default (zip of .crt files), default_pem (zip of .pem files), apache (zip), cer (the certificate alone). Fails if the order's certificate is not issued.",
	properties: [
		orderIdProperty('The ID of the order whose certificate to download'),
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options: [
				{ name: 'Apache (Zip)', value: 'apache', description: 'The certificate and the intermediate as .crt files' },
				{ name: 'CER', value: 'cer', description: 'The certificate alone' },
				{ name: 'Default (Zip of .Crt Files)', value: 'default', description: 'Certificate, intermediate and root as .crt files' },
				{ name: 'Default PEM (Zip of .Pem Files)', value: 'default_pem', description: 'Certificate, intermediate and root as .pem files' },
				{ name: 'PEM Bundle', value: 'pem_all', description: 'One .pem file: certificate, intermediate and root' },
				{ name: 'PKCS#7 (.P7b)', value: 'p7b', description: 'The certificate and its chain in one PKCS#7 file' },
			],
			default: 'pem_all',
			description: 'The file format DigiCert packs the certificate in',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
		optionsProperty([
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'www_example_com.pem',
				description: "The downloaded file's name; by default DigiCert's (named after the common name)",
			},
		]),
	],
	readParameters: (read) => {
		const format = read<unknown>('format', 'pem_all');
		if (typeof format !== 'string' || !(format in DOWNLOAD_FORMATS)) {
			throw new Error(`Format must be one of ${Object.keys(DOWNLOAD_FORMATS).join(', ')}, but it is ${quoteValue(format)}`);
		}
		const binaryPropertyName = read<unknown>('binaryPropertyName', 'data');
		if (typeof binaryPropertyName !== 'string' || binaryPropertyName.trim() === '') {
			throw new Error(`Put Output File in Field must be a field name, but it is ${quoteValue(binaryPropertyName)}`);
		}
		const options = read<IDataObject>('options', {}) ?? {};
		const fileName = typeof options.fileName === 'string' && options.fileName.trim() !== '' ? options.fileName.trim() : undefined;
		return { orderId: assertPositiveId(read('orderId'), 'Order ID'), format, binaryPropertyName: binaryPropertyName.trim(), fileName };
	},
	request: ({ orderId, format }) => ({
		method: 'GET',
		path: `/certificate/download/order/${orderId}/format/${format}`,
		subject: `Order ${orderId}`,
		binary: true,
	}),
	toItems: async ({ body, headers }, { orderId, format, binaryPropertyName, fileName }, context): Promise<INodeExecutionData[]> => {
		const name = downloadFileName({ chosen: fileName, disposition: headers['content-disposition'], orderId, format });
		const { mimeType } = DOWNLOAD_FORMATS[format];
		const content = body as Buffer;
		const binary = await context.helpers.prepareBinaryData(content, name, mimeType);
		return [
			{
				json: { orderId, format, fileName: name, mimeType, fileSize: content.length },
				binary: { [binaryPropertyName]: binary },
			},
		];
	},
};
