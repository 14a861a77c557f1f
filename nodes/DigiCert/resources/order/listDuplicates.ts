import type { IDataObject } from 'n8n-workflow';

import { orderIdProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { assertBoolean, assertPositiveId } from '../../shared/validation';

type Parameters = { orderId: number; showArchived: boolean };

export const listDuplicates: DigiCertOperation<Parameters> = {
	value: 'listDuplicates',
	name: 'List Order Duplicates',
	action: 'List duplicate certificates of an order',
	description:
		'List every duplicate certificate issued under a certificate order (one item per certificate, none when the order has no duplicates)',
	properties: [
		orderIdProperty('The ID of the order whose duplicate certificates to list'),
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
					description: 'Whether to include archived duplicate certificates',
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
		path: `/order/certificate/${orderId}/duplicate`,
		qs: showArchived ? { show_archived: true } : undefined,
		subject: `Order ${orderId}`,
	}),
	// An order without duplicates may omit the array: that is no items, not an error.
	toItems: ({ body }) => ((body as IDataObject | undefined)?.certificates as IDataObject[] | undefined) ?? [],
};
