import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { optionsProperty } from '../../shared/fields';
import { certificateIdProperty, orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { decodePercents } from '../../../common/redaction';
import { assertPositiveId, quoteValue } from '../../../common/inputChecks';

type Parameters = {
	/** Which certificate: the order's current one, or one by its certificate ID (a duplicate, a reissue). */
	by: 'order' | 'certificate';
	/** The order ID or the certificate ID, as `by` says. */
	id: number;
	format: string;
	binaryPropertyName: string;
	fileName: string | undefined;
};

interface DownloadFormat {
	/** The downloaded file's extension (a zip for the formats that are archives). */
	extension: string;
	/** DigiCert's Content-Type for the format (DigiCert's glossary). */
	mimeType: string;
	/** The option's label. */
	name: string;
	/** What the file holds, in the glossary's terms. */
	description: string;
}

/**
 * DigiCert's certificate formats, as its glossary describes them (https://dev.digicert.com/glossary/,
 * "Certificate formats"; every certificate in them is PEM-encoded). The glossary lists these nine.
 */
export const DOWNLOAD_FORMATS: Record<string, DownloadFormat> = {
	pem_all: {
		extension: 'pem',
		mimeType: 'application/x-pem-file',
		name: 'PEM: Certificate, Intermediate and Root (pem_all)',
		description: 'One .pem file with the end-entity, intermediate and root certificates',
	},
	pem_noroot: {
		extension: 'pem',
		mimeType: 'application/x-pem-file',
		name: 'PEM: Certificate and Intermediate (pem_noroot)',
		description:
			'One .pem file: end-entity and intermediate, no root (what nginx and HAProxy want)',
	},
	pem_nointermediate: {
		extension: 'pem',
		mimeType: 'application/x-pem-file',
		name: 'PEM: Certificate Only (pem_nointermediate)',
		description: 'One .pem file with only the end-entity certificate',
	},
	p7b: {
		extension: 'p7b',
		mimeType: 'application/x-pkcs7-certificates',
		name: 'PKCS#7 (p7b)',
		description:
			'One PKCS#7 bundle (PEM-encoded, .p7b) with the end-entity, intermediate and root certificates',
	},
	cer: {
		extension: 'cer',
		mimeType: 'application/x-pkcs7-certificates',
		name: 'PKCS#7 as .cer (cer)',
		description:
			'The p7b bundle (end-entity, intermediate, root) named .cer: not the certificate alone',
	},
	default: {
		extension: 'zip',
		mimeType: 'application/zip',
		name: 'Zip of .crt Files (default)',
		description: 'A zip of separate .crt files: end-entity, intermediate and root',
	},
	default_pem: {
		extension: 'zip',
		mimeType: 'application/zip',
		name: 'Zip of PEM Files (default_pem)',
		description: 'A zip of separate PEM files (named .crt): end-entity, intermediate and root',
	},
	default_cer: {
		extension: 'zip',
		mimeType: 'application/zip',
		name: 'Zip of .cer Files (default_cer)',
		description: 'A zip of separate .cer files: end-entity, intermediate and root',
	},
	apache: {
		extension: 'zip',
		mimeType: 'application/zip',
		name: 'Apache: Zip of .crt Files (apache)',
		description:
			"A zip of .crt files: end-entity and intermediate (Apache's certificate and chain files)",
	},
};

const FORMAT_NAMES = Object.keys(DOWNLOAD_FORMATS);
const DOWNLOAD_BY = ['order', 'certificate'];

/** The file name in a Content-Disposition header (`filename="x"`, `filename=x` or RFC 5987 `filename*=`). */
export function fileNameFromDisposition(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
	if (extended) return decodePercents(extended[1].trim());
	return (
		/filename\s*=\s*"([^"]*)"/.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/.exec(header)?.[1]
	);
}

/** A file name safe for any file system: no path, no control or reserved characters. */
export function safeFileName(name: string): string | undefined {
	const base = name.split(/[\\/]/).pop() ?? '';
	// Control characters by their code (a regular expression naming them trips no-control-regex).
	const cleaned = Array.from(base, (c) =>
		c.charCodeAt(0) < 0x20 || '<>:"|?*'.includes(c) ? '_' : c,
	)
		.join('')
		.trim();
	return cleaned === '' || cleaned === '.' || cleaned === '..' ? undefined : cleaned;
}

/**
 * The downloaded file's name: the one the user chose, else DigiCert's (named after the common name)
 * unless it holds the API key, else `certificate-<order or certificate ID>.<extension>` — always with
 * the format's extension.
 */
export function downloadFileName(options: {
	chosen?: string;
	disposition?: unknown;
	id: number;
	format: string;
	/** Whether a name holds the API key: such a name is not used (the client's check). */
	containsSecret: (text: string) => boolean;
}): string {
	const { extension } = DOWNLOAD_FORMATS[options.format];
	const name =
		(options.chosen !== undefined ? safeFileName(options.chosen) : undefined) ??
		(() => {
			const fromServer = fileNameFromDisposition(options.disposition);
			const safe = fromServer !== undefined ? safeFileName(fromServer) : undefined;
			// The name itself, not just the header the transport checked: it reaches json and binary.
			return safe !== undefined && options.containsSecret(safe) ? undefined : safe;
		})() ??
		`certificate-${options.id}.${extension}`;
	return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

export const download: DigiCertOperation<Parameters> = {
	value: 'download',
	name: 'Download',
	action: 'Download issued certificate as file',
	description:
		"An issued certificate as a file (binary data): an order's current one, or any by certificate ID",
	properties: [
		{
			displayName: 'Download By',
			name: 'downloadBy',
			type: 'options',
			options: [
				{
					name: "Order ID (the Order's Current Certificate)",
					value: 'order',
					description:
						"The order's active certificate; DigiCert gives no duplicates or past reissues this way",
				},
				{
					name: 'Certificate ID',
					value: 'certificate',
					description:
						"Any certificate: a duplicate, a reissue (see Get Duplicates / Reissues) or an order's",
				},
			],
			default: 'order',
			description: 'Which certificate to download',
		},
		{
			...orderIdProperty('The ID of the order whose current certificate to download'),
			displayOptions: { show: { downloadBy: ['order'] } },
		},
		{
			...certificateIdProperty(
				"The ID of the certificate to download, e.g. a duplicate's or reissue's id",
			),
			displayOptions: { show: { downloadBy: ['certificate'] } },
		},
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			options: Object.entries(DOWNLOAD_FORMATS)
				.map(([value, { name, description }]) => ({ name, value, description }))
				.sort((a, b) => a.name.localeCompare(b.name)),
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
				placeholder: 'e.g. www_example_com.pem',
				description:
					"The downloaded file's name; by default DigiCert's (named after the common name)",
			},
		]),
	],
	readParameters: (read) => {
		// Workflows saved before Download By existed download by order.
		const by = read<unknown>('downloadBy', 'order');
		if (typeof by !== 'string' || !DOWNLOAD_BY.includes(by)) {
			throw new Error(
				`Download By must be one of ${DOWNLOAD_BY.join(', ')}, but it is ${quoteValue(by)}`,
			);
		}
		const format = read<unknown>('format', 'pem_all');
		if (typeof format !== 'string' || !Object.hasOwn(DOWNLOAD_FORMATS, format)) {
			throw new Error(
				`Format must be one of ${FORMAT_NAMES.join(', ')}, but it is ${quoteValue(format)}`,
			);
		}
		const binaryPropertyName = read<unknown>('binaryPropertyName', 'data');
		if (typeof binaryPropertyName !== 'string' || binaryPropertyName.trim() === '') {
			throw new Error(
				`Put Output File in Field must be a field name, but it is ${quoteValue(binaryPropertyName)}`,
			);
		}
		const options = read<IDataObject>('options', {}) ?? {};
		const fileName =
			typeof options.fileName === 'string' && options.fileName.trim() !== ''
				? options.fileName.trim()
				: undefined;
		const id =
			by === 'order'
				? assertPositiveId(read('orderId'), 'Order ID')
				: assertPositiveId(read('certificateId'), 'Certificate ID');
		return {
			by: by as Parameters['by'],
			id,
			format,
			binaryPropertyName: binaryPropertyName.trim(),
			fileName,
		};
	},
	request: ({ by, id, format }) =>
		by === 'order'
			? {
					method: 'GET',
					path: `/certificate/download/order/${id}/format/${format}`,
					subject: `Order ${id}`,
					binary: true,
				}
			: {
					method: 'GET',
					path: `/certificate/${id}/download/format/${format}`,
					subject: `Certificate ${id}`,
					binary: true,
				},
	toItems: async (
		{ body, headers },
		{ by, id, format, binaryPropertyName, fileName },
		context,
		{ containsSecret },
	): Promise<INodeExecutionData[]> => {
		const name = downloadFileName({
			chosen: fileName,
			disposition: headers['content-disposition'],
			id,
			format,
			containsSecret,
		});
		const { mimeType } = DOWNLOAD_FORMATS[format];
		const content = body as Buffer;
		const binary = await context.helpers.prepareBinaryData(content, name, mimeType);
		return [
			{
				json: {
					[by === 'order' ? 'orderId' : 'certificateId']: id,
					format,
					fileName: name,
					mimeType,
					fileSize: content.length,
				},
				binary: { [binaryPropertyName]: binary },
			},
		];
	},
};
