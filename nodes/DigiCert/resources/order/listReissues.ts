import type { IDataObject } from 'n8n-workflow';

import { orderIdProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { assertBoolean, assertPositiveId } from '../../shared/validation';

type Parameters = { orderId: number; showArchived: boolean };

export const listReissues: DigiCertOperation<Parameters> = {
	value: 'listReissues',
	name: 'List Order Reissues',
	action: 'List reissued certificates of an order',
	description:
		'List every reissue of a certificate order (one item per reissued certificate, with its status issued, pending or rejected; none when the order was never reissued)',
	properties: [
		orderIdProperty('The ID of the order whose reissues to list'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Show Archived',
					name: 'show_archived',
					type: 'boolean',
					default: false,
					description: 'Whether to include archived reissued certificates',
				},
			],
		},
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
		path: `/order/certificate/${orderId}/reissue`,
		qs: showArchived ? { show_archived: true } : undefined,
		subject: `Order ${orderId}`,
	}),
	// An order never reissued omits the array: that is no items, not an error.
	toItems: ({ body }) => ((body as IDataObject | undefined)?.certificates as IDataObject[] | undefined) ?? [],
};
