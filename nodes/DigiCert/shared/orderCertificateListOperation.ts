import type { IDataObject } from 'n8n-workflow';

import { optionsProperty, orderIdProperty } from './fields';
import type { DigiCertOperation } from './operation';
import { UnexpectedAnswerError } from './operation';
import { isObject } from '../../shared/types';
import { assertBoolean, assertPositiveId } from '../../shared/validation';

type Parameters = { orderId: number; showArchived: boolean };

/**
 * An order's certificates of one kind (its duplicates or its reissues): the same request shape
 * (`GET /order/certificate/{id}/<segment>`, option `show_archived`) and the same answer, a
 * `certificates` array that DigiCert leaves out when there are none (no items, not an error).
 */
export function orderCertificateListOperation(declaration: {
	value: string;
	name: string;
	action: string;
	description: string;
	/** The path segment after the order ID: `duplicate` or `reissue`. */
	segment: string;
	/** What the certificates are, for field descriptions: "duplicate certificates". */
	noun: string;
}): DigiCertOperation<Parameters> {
	const { value, name, action, description, segment, noun } = declaration;
	return {
		value,
		name,
		action,
		description,
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
		request: ({ orderId, showArchived }) => ({
			method: 'GET',
			path: `/order/certificate/${orderId}/${segment}`,
			qs: showArchived ? { show_archived: true } : undefined,
			subject: `Order ${orderId}`,
		}),
		toItems: ({ body }) => {
			// DigiCert answers "none" with `{}`; no body (204) or `null` is not an answer from its API.
			if (!isObject(body)) throw new UnexpectedAnswerError();
			const { certificates } = body;
			if (certificates === undefined) return [];
			if (!Array.isArray(certificates)) throw new UnexpectedAnswerError();
			return certificates as IDataObject[];
		},
	};
}
