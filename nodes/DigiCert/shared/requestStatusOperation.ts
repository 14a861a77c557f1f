import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { irreversibleNotice } from './fields';
import { requestIdProperty } from './locators';
import { withOlderForms } from './versions';
import type { DigiCertOperation, OperationIdentity } from './operation';
import { operationIdentity } from './operation';
import { assertPositiveId, quoteValue } from '../../common/inputChecks';

type Parameters = { requestId: number; comment: string };

/**
 * Approve and Reject are the same call with a different status: PUT /request/{id}/status with
 * `{status, processor_comment}`. DigiCert answers 204 with no body, so the output says what was done.
 */
export function requestStatusOperation(
	spec: OperationIdentity & {
		status: 'approved' | 'rejected';
		commentDescription: string;
		/** Whether a comment must be given (from typeVersion 1.1 on; typeVersion 1 never required one). */
		commentRequired?: boolean;
		/** What the notice says cannot be undone. */
		notice: string;
	},
): DigiCertOperation<Parameters> {
	const comment: INodeProperties = {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: spec.commentDescription,
	};
	return {
		...operationIdentity(spec),
		properties: [
			irreversibleNotice(spec.notice),
			requestIdProperty(`The ID of the pending request to ${spec.value}`),
			spec.commentRequired
				? withOlderForms(
						{ ...comment, required: true, placeholder: 'e.g. Not an approved domain' },
						{ version1: comment },
					)
				: comment,
		],
		readParameters: (read, { typeVersion }) => {
			const comment = read<unknown>('comment', '');
			if (
				comment !== undefined &&
				comment !== null &&
				typeof comment !== 'string' &&
				typeof comment !== 'number'
			) {
				throw new Error(`Comment must be text, but it is ${quoteValue(comment)}`);
			}
			const text = comment === undefined || comment === null ? '' : String(comment);
			// DigiCert takes none, but the requester then never learns why (typeVersion 1 kept that).
			if (spec.commentRequired && typeVersion >= 1.1 && text.trim() === '') {
				throw new Error(
					`Comment is required to ${spec.value}: give the reason the requester will see (an expression that gives nothing counts as none)`,
				);
			}
			return { requestId: assertPositiveId(read('requestId'), 'Request ID'), comment: text };
		},
		request: ({ requestId, comment }) => ({
			method: 'PUT',
			path: `/request/${requestId}/status`,
			body: { status: spec.status, processor_comment: comment },
			subject: `Request ${requestId}`,
		}),
		toItems: (_response, { requestId }): IDataObject[] => [{ requestId, status: spec.status }],
	};
}
