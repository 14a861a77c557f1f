import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { assertOneOf, assertText } from '../../common/certificateInput';
import { irreversibleNotice } from './fields';
import type { DigiCertOperation, OperationIdentity } from './operation';
import { operationIdentity } from './operation';
import type { DigiCertRequest, DigiCertResponse, ParameterReader } from '../../common/types';
import { assertBoolean } from '../../common/inputChecks';

/** The revocation reasons DigiCert takes in `revocation_reason` (the RFC 5280 reasons a subscriber may choose). */
export const REVOCATION_REASONS = [
	'unspecified',
	'key_compromise',
	'affiliation_changed',
	'superseded',
	'cessation_of_operation',
] as const;

/** The fields every revocation has: reason, comment, skip approval. */
const revocationProperties: INodeProperties[] = [
	{
		displayName: 'Reason',
		name: 'revocationReason',
		type: 'options',
		required: true,
		options: [
			{
				name: 'Affiliation Changed',
				value: 'affiliation_changed',
				description: "The organization's name or other details changed",
			},
			{
				name: 'Cessation of Operation',
				value: 'cessation_of_operation',
				description: 'The domain or service is no longer used or controlled',
			},
			{
				name: 'Key Compromise',
				value: 'key_compromise',
				description: 'The private key was (or may have been) exposed',
			},
			{
				name: 'Superseded',
				value: 'superseded',
				description: 'A new certificate replaces this one',
			},
			{ name: 'Unspecified', value: 'unspecified', description: 'None of the others applies' },
		],
		default: 'superseded',
		description: 'Why the certificate is revoked; it is published in the revocation list',
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description:
			'A note for the approver, e.g. the ticket number (DigiCert keeps it only on a revoke request that waits for approval)',
	},
	{
		displayName: 'Skip Approval',
		name: 'skipApproval',
		type: 'boolean',
		default: false,
		description:
			'Whether to revoke at once instead of creating a revoke request for an administrator to approve (the API key needs admin rights)',
	},
];

/** The revocation fields of an item as DigiCert's body. */
export function readRevocation(read: ParameterReader): IDataObject {
	const comments = assertText(read('comment', ''), 'Comment');
	return {
		revocation_reason: assertOneOf(read('revocationReason'), REVOCATION_REASONS, 'Reason'),
		...(comments !== '' ? { comments } : {}),
		...(assertBoolean(read('skipApproval', false), 'Skip Approval') ? { skip_approval: true } : {}),
	};
}

/**
 * DigiCert's two successes: 204 (revoked at once: no request) or 201 with the revoke request that
 * now waits for approval (`{id, date, type: "revoke", status: "pending", requester, comments}`).
 */
function revocationOutcome(response: DigiCertResponse): IDataObject {
	const request = response.body as IDataObject | undefined;
	if (response.statusCode === 204 || request === undefined || request.id === undefined) {
		return { status: 'revoked', waitingForApproval: false, requestId: null };
	}
	return {
		status: typeof request.status === 'string' ? request.status : 'pending',
		waitingForApproval: true,
		requestId: Number(request.id),
		request,
	};
}

/** A revocation of one target (an order, or a certificate): PUT <path>/revoke. */
export function revocationOperation<P extends IDataObject>(
	declaration: OperationIdentity & {
		/** What the irreversible notice says revoking does. */
		notice: string;
		targetProperties: INodeProperties[];
		readTarget: (read: ParameterReader) => P;
		request: (target: P, body: IDataObject) => DigiCertRequest;
		/** The target as output fields, e.g. {orderId}. */
		output: (target: P) => IDataObject;
	},
): DigiCertOperation<{ target: P; body: IDataObject }> {
	return {
		...operationIdentity(declaration),
		properties: [
			irreversibleNotice(declaration.notice),
			...declaration.targetProperties,
			...revocationProperties,
		],
		readParameters: (read) => ({
			target: declaration.readTarget(read),
			body: readRevocation(read),
		}),
		request: ({ target, body }) => declaration.request(target, body),
		toItems: (response, { target, body }) => [
			{
				...declaration.output(target),
				revocationReason: body.revocation_reason,
				...revocationOutcome(response),
			},
		],
	};
}
