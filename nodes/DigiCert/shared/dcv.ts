import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { assertOneOf } from '../../common/certificateInput';
import { isObject } from '../../common/types';

/**
 * Domain control validation (DCV) on orders and domains: the methods, the DCV Method field, and
 * what to publish for each method. DigiCert's pages: "DCV methods" (dns-txt-token,
 * dns-cname-token, http-token, email), "File-based domain control validation" (http-token proves
 * only the exact host name: no wildcards).
 */

/** The methods a workflow can complete on its own (a token to publish), and email. */
export const DCV_METHODS = ['dns-txt-token', 'dns-cname-token', 'http-token', 'email'] as const;
export type DcvMethod = (typeof DCV_METHODS)[number];

const DCV_METHOD_OPTIONS = [
	{
		name: 'DNS TXT Record',
		value: 'dns-txt-token',
		description: 'Publish the random value as a TXT record (works for wildcards): automatable',
	},
	{
		name: 'DNS CNAME Record',
		value: 'dns-cname-token',
		description: 'Publish a CNAME record named after the random value: automatable',
	},
	{
		name: 'HTTP File',
		value: 'http-token',
		description:
			'Serve the value at /.well-known/pki-validation/fileauth.txt on each host name (no wildcards)',
	},
	{
		name: 'Email',
		value: 'email',
		description: "DigiCert emails the domain's contacts; a person must click (not automatable)",
	},
];

/** The DCV Method field (a top-level field of the DCV operations, or an option of Create and Reissue). */
export function dcvMethodProperty(description: string, required = false): INodeProperties {
	return {
		displayName: 'DCV Method',
		name: 'dcvMethod',
		type: 'options',
		options: DCV_METHOD_OPTIONS,
		default: 'dns-txt-token',
		...(required ? { required: true } : {}),
		description,
	};
}

/**
 * The DCV method, checked against the names it must prove: http-token cannot prove a wildcard
 * (DigiCert's file-based DCV page), so that is refused before anything is sent.
 */
export function assertDcvMethod(value: unknown, names: string[] = []): DcvMethod {
	const method = assertOneOf(value, DCV_METHODS, 'DCV Method');
	const wildcard = names.find((n) => n.startsWith('*.'));
	if (method === 'http-token' && wildcard !== undefined)
		throw new Error(
			`DCV Method HTTP File cannot prove control of the wildcard ${wildcard}: DigiCert checks the file only on the exact host name. Use DNS TXT Record or DNS CNAME Record.`,
		);
	return method;
}

/**
 * What to publish so DigiCert finds the random value, one record per name, ready for a DNS or web
 * step. [Assumption] the record names follow DigiCert's DCV method pages as public clients use
 * them: TXT on `_dnsauth.<domain>` (the domain itself also works), CNAME `<random value>.<domain>`
 * → `dcv.digicert.com`, the file `http://<host>/.well-known/pki-validation/fileauth.txt`.
 */
export function dcvRecords(method: string, domains: IDataObject[]): IDataObject[] {
	return domains.flatMap((domain) => {
		const name = typeof domain.name === 'string' ? domain.name.replace(/^\*\./, '') : undefined;
		const token = isObject(domain.dcv_token) ? domain.dcv_token : {};
		if (name === undefined || typeof token.token !== 'string') return [];
		const common = { domain: name, expiresAt: token.expiration_date ?? null };
		if (method === 'dns-txt-token')
			return [{ ...common, type: 'TXT', name: `_dnsauth.${name}`, content: token.token }];
		if (method === 'dns-cname-token')
			return [
				{ ...common, type: 'CNAME', name: `${token.token}.${name}`, content: 'dcv.digicert.com' },
			];
		if (method === 'http-token')
			return [
				{
					...common,
					type: 'HTTP',
					name: `http://${name}/.well-known/pki-validation/fileauth.txt`,
					content: token.token,
				},
			];
		return [];
	});
}

/**
 * The DCV part of a Create or Reissue answer (201): DigiCert's `dcv_random_value` and `domains`
 * (each with its `dcv_token`), and `dcvRecords`, what to publish. Empty when DigiCert sent none.
 */
export function dcvAnswer(body: IDataObject, method: string | undefined): IDataObject {
	const domains = Array.isArray(body.domains) ? body.domains.filter(isObject) : [];
	if (typeof body.dcv_random_value !== 'string' && domains.length === 0) return {};
	return {
		dcvMethod: method ?? null,
		dcv_random_value: typeof body.dcv_random_value === 'string' ? body.dcv_random_value : null,
		domains,
		dcvRecords: method === undefined ? [] : dcvRecords(method, domains),
	};
}
