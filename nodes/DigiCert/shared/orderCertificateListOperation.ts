import type { IDataObject } from 'n8n-workflow';

import { optionsProperty } from './fields';
import { orderIdProperty } from './locators';
import type { DigiCertOperation, OperationIdentity } from './operation';
import { operationIdentity, UnexpectedAnswerError } from './operation';
import type { DigiCertRequest } from '../../common/types';
import { isObject } from '../../common/types';
import { assertBoolean, assertPositiveId } from '../../common/inputChecks';

/** The kinds of certificates an order lists besides its own: `GET /order/certificate/{id}/<kind>`. */
export type OrderCertificateKind = 'duplicate' | 'reissue';

/** The request for an order's duplicate or reissued certificates. */
export function orderCertificatesRequest(
	orderId: number,
	kind: OrderCertificateKind,
	showArchived = false,
): DigiCertRequest {
	return {
		method: 'GET',
		path: `/order/certificate/${orderId}/${kind}`,
		qs: showArchived ? { show_archived: true } : undefined,
		subject: `Order ${orderId}`,
	};
}

/**
 * The certificates in such an answer. DigiCert answers "none" with `{}` (the array left out); no body
 * (204), `null` or a `certificates` that is not a list is not an answer from its API.
 */
export function certificatesIn(body: unknown): IDataObject[] {
	if (!isObject(body)) throw new UnexpectedAnswerError();
	const { certificates } = body;
	if (certificates === undefined) return [];
	if (!Array.isArray(certificates)) throw new UnexpectedAnswerError();
	return certificates as IDataObject[];
}

type Parameters = { orderId: number; showArchived: boolean };

/**
 * An order's certificates of one kind (its duplicates or its reissues): the same request shape
 * (`GET /order/certificate/{id}/<segment>`, option `show_archived`) and the same answer, a
 * `certificates` array that DigiCert leaves out when there are none (no items, not an error).
 */
export function orderCertificateListOperation(
	declaration: OperationIdentity & {
		/** The path segment after the order ID. */
		segment: OrderCertificateKind;
		/** What the certificates are, for field descriptions: "duplicate certificates". */
		noun: string;
	},
): DigiCertOperation<Parameters> {
	const { segment, noun } = declaration;
	return {
		...operationIdentity(declaration),
		properties: [
			orderIdProperty(`The ID of the order whose ${noun} to list`),
			optionsProperty([
				{
					displayName: 'Show Archived',
					name: 'show_archived',
					type: 'boolean',
					default: false,
					description: `Whether to include archived ${noun}`,
				},
			]),
		],
		readParameters: (read) => {
			const options = read<IDataObject>('options', {});
			return {
				orderId: assertPositiveId(read('orderId'), 'Order ID'),
				showArchived: assertBoolean(options.show_archived ?? false, 'Show Archived'),
			};
		},
		request: ({ orderId, showArchived }) =>
			orderCertificatesRequest(orderId, segment, showArchived),
		toItems: ({ body }) => certificatesIn(body),
	};
}
