import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	assertCsr,
	assertHostName,
	assertHostNames,
	assertOneOf,
	assertText,
} from '../../common/certificateInput';
import { commonNameProperty, csrProperty, dnsNamesProperty, optionsProperty } from './fields';
import { orderIdProperty } from './locators';
import type { DigiCertOperation, OperationIdentity } from './operation';
import { operationIdentity, UnexpectedAnswerError } from './operation';
import type { DigiCertResponse } from '../../common/types';
import { isObject } from '../../common/types';
import { assertBoolean, assertPositiveId, quoteValue } from '../../common/inputChecks';
import { assertDcvMethod, dcvAnswer, dcvMethodProperty } from './dcv';

export const SIGNATURE_HASHES = ['sha256', 'sha384', 'sha512'] as const;

type Parameters = { orderId: number; body: IDataObject };

/** The Signature Hash option, shared by Create, Reissue and Duplicate. */
export const signatureHashOption: INodeProperties = {
	displayName: 'Signature Hash',
	name: 'signatureHash',
	type: 'options',
	options: [
		{ name: 'SHA-256', value: 'sha256' },
		{ name: 'SHA-384', value: 'sha384' },
		{ name: 'SHA-512', value: 'sha512' },
	],
	default: 'sha256',
	description:
		"The hash DigiCert signs the certificate with; by default the order's current one (Reissue and Duplicate) or SHA-256 (Create)",
};

/** The Comments option, shared by Create, Reissue and Duplicate. */
export const commentsOption: INodeProperties = {
	displayName: 'Comments',
	name: 'comments',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: 'A note for the approver and the order history',
};

/** The Skip Approval option, shared by Create, Reissue and Duplicate. */
export const skipApprovalOption: INodeProperties = {
	displayName: 'Skip Approval',
	name: 'skipApproval',
	type: 'boolean',
	default: false,
	description:
		'Whether to submit without waiting for an administrator to approve (the API key needs admin rights)',
};

/** The body's `comments` and `skip_approval` from the Comments and Skip Approval options, each only when set. */
export function readSubmissionOptions(options: IDataObject): IDataObject {
	const comments = assertText(options.comments, 'Comments');
	return {
		...(comments !== '' ? { comments } : {}),
		...(assertBoolean(options.skipApproval ?? false, 'Skip Approval')
			? { skip_approval: true }
			: {}),
	};
}

/**
 * What DigiCert answers to an order, reissue or duplicate (201): `{id, requests: [{id, status}]}`,
 * plus `certificate_id` when the certificate was issued at once. As an item a next node can use.
 */
export function requestAnswer(response: DigiCertResponse, orderId?: number): IDataObject {
	const body = (response.body ?? {}) as IDataObject;
	const requests = Array.isArray(body.requests) ? (body.requests as IDataObject[]) : [];
	const requestIds = requests.map((r) => Number(r.id)).filter((id) => Number.isSafeInteger(id));
	const certificateId = Number(body.certificate_id);
	return {
		orderId: Number.isSafeInteger(Number(body.id)) ? Number(body.id) : (orderId ?? null),
		requestId: requestIds[0] ?? null,
		requestIds,
		status: typeof requests[0]?.status === 'string' ? requests[0].status : 'pending',
		certificateId: Number.isSafeInteger(certificateId) && certificateId > 0 ? certificateId : null,
		...(Array.isArray(body.certificate_chain) ? { certificateChain: body.certificate_chain } : {}),
	};
}

/**
 * The order's current certificate fields a reissue or duplicate may take over. An answer that is no
 * order is of the wrong shape (read-only: nothing was changed), not an order lacking a field.
 */
function currentCertificate(response: DigiCertResponse): IDataObject {
	const order = response.body;
	if (!isObject(order) || !isObject(order.certificate)) throw new UnexpectedAnswerError();
	return order.certificate;
}

/**
 * Reissue and Duplicate are the same call on a different path segment: POST
 * /order/certificate/{id}/<segment> with `{certificate: {csr, common_name, dns_names?,
 * signature_hash?}, comments?, skip_approval?}`, answered 201 with the request(s) it made.
 * DigiCert requires `common_name` on both, and `signature_hash` on Duplicate: what neither the
 * fields nor the CSR give is taken from the order (one GET) before the change is sent.
 */
export function certificateRequestOperation(
	declaration: OperationIdentity & {
		segment: 'reissue' | 'duplicate';
		/** What the order's new certificate is for, in field descriptions. */
		csrDescription: string;
		/** Whether it takes a DCV method (a reissue needs fresh DCV; a duplicate uses the order's). */
		dcv?: boolean;
		/** What the Other Host Names field adds to its description. */
		dnsNamesNote?: string;
	},
): DigiCertOperation<Parameters> {
	const { segment, csrDescription } = declaration;
	const required = segment === 'duplicate' ? ['common_name', 'signature_hash'] : ['common_name'];
	return {
		...operationIdentity(declaration),
		properties: [
			orderIdProperty(`The ID of the order to ${segment}`),
			csrProperty(csrDescription),
			optionsProperty([
				commentsOption,
				commonNameProperty,
				...(declaration.dcv
					? [
							dcvMethodProperty(
								`How DigiCert checks control of the domains for the ${segment}. A DNS or HTTP method returns the random value to publish (dcvRecords); by default the order's.`,
							),
						]
					: []),
				dnsNamesProperty(declaration.dnsNamesNote),
				signatureHashOption,
				skipApprovalOption,
			]),
		],
		readParameters: (read) => {
			const options = read<IDataObject>('options', {}) ?? {};
			const csr = assertCsr(read('csr'), 'CSR');
			const commonName = assertText(options.commonName, 'Common Name');
			const dnsNames = assertHostNames(options.dnsNames, 'Other Host Names (SANs)');
			const certificate: IDataObject = { csr: csr.pem };
			if (commonName !== '') certificate.common_name = assertHostName(commonName, 'Common Name');
			else if (csr.commonName !== undefined)
				certificate.common_name = assertHostName(csr.commonName, "The CSR's common name");
			if (dnsNames.length > 0) certificate.dns_names = dnsNames;
			if (options.signatureHash !== undefined)
				certificate.signature_hash = assertOneOf(
					options.signatureHash,
					SIGNATURE_HASHES,
					'Signature Hash',
				);
			const body: IDataObject = { certificate, ...readSubmissionOptions(options) };
			if (declaration.dcv && options.dcvMethod !== undefined)
				body.dcv_method = assertDcvMethod(options.dcvMethod, [
					...(typeof certificate.common_name === 'string' ? [certificate.common_name] : []),
					...dnsNames,
				]);
			return { orderId: assertPositiveId(read('orderId'), 'Order ID'), body };
		},
		async prepare(parameters, send) {
			const certificate = parameters.body.certificate as IDataObject;
			if (required.every((field) => certificate[field] !== undefined)) return parameters;
			const { orderId } = parameters;
			const current = currentCertificate(
				await send({
					method: 'GET',
					path: `/order/certificate/${orderId}`,
					subject: `Order ${orderId}`,
				}),
			);
			const completed: IDataObject = { ...certificate };
			if (completed.common_name === undefined) {
				if (typeof current.common_name !== 'string' || current.common_name === '')
					throw new Error(
						`No common name for the ${segment} of order ${orderId}: the CSR has none and DigiCert gave none for the order. Set Options › Common Name; nothing was ${segment === 'reissue' ? 'reissued' : 'duplicated'}.`,
					);
				completed.common_name = current.common_name;
			}
			if (segment === 'duplicate' && completed.signature_hash === undefined) {
				if (!(SIGNATURE_HASHES as readonly unknown[]).includes(current.signature_hash))
					throw new Error(
						`No signature hash for the duplicate of order ${orderId}: DigiCert requires one and gave ${quoteValue(current.signature_hash ?? null)} for the order. Set Options › Signature Hash; nothing was duplicated.`,
					);
				completed.signature_hash = current.signature_hash;
			}
			return { ...parameters, body: { ...parameters.body, certificate: completed } };
		},
		request: ({ orderId, body }) => ({
			method: 'POST',
			path: `/order/certificate/${orderId}/${segment}`,
			body,
			subject: `Order ${orderId}`,
		}),
		toItems: (response, { orderId, body }) => [
			{
				...requestAnswer(response, orderId),
				...dcvAnswer((response.body ?? {}) as IDataObject, body.dcv_method as string | undefined),
			},
		],
	};
}
