import type { IDataObject } from 'n8n-workflow';

import type { FilterSpec } from '../../../common/filters';
import { asText, filtersToQuery, oneOf } from '../../../common/filters';
import type { DigiCertOperation } from '../../shared/operation';
import { ACTIVE_STATUSES, activeStatusFilter, filtersProperty } from '../../shared/fields';
import { readMaxItems, returnAllProperties } from '../../shared/returnAll';

type Parameters = { maxItems: number | undefined; qs: IDataObject };

/** The Filters collection's fields and their DigiCert query keys. */
const organizationFilters: FilterSpec[] = [
	{ name: 'status', displayName: 'Status', key: 'status', convert: oneOf(ACTIVE_STATUSES) },
	{
		name: 'validation',
		displayName: 'Validation',
		key: 'validation',
		convert: oneOf(['pending', 'not_pending']),
	},
	// DigiCert matches an organization ID exactly, or a name containing the text: sent as it is.
	{ name: 'search', displayName: 'Search', key: 'search', convert: asText },
];

export const getMany: DigiCertOperation<Parameters> = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many organizations',
	description: 'Organizations with their validations (OV, EV, code signing …) and when each lapses',
	properties: [
		...returnAllProperties(),
		filtersProperty([
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description:
					'Only the organization with this ID, or organizations whose name contains this text',
			},
			activeStatusFilter('organizations'),
			{
				displayName: 'Validation',
				name: 'validation',
				type: 'options',
				options: [
					{
						name: 'Not Pending',
						value: 'not_pending',
						description: 'Organizations without a validation in progress',
					},
					{
						name: 'Pending',
						value: 'pending',
						description: 'Organizations with a validation in progress',
					},
				],
				default: 'pending',
				description: 'Only organizations with, or without, a pending validation',
			},
		]),
	],
	readParameters: (read) => ({
		maxItems: readMaxItems(read),
		qs: {
			...filtersToQuery(read<IDataObject>('filters', {}), organizationFilters),
			include_validation: true,
		},
	}),
	request: ({ maxItems, qs }) => ({
		method: 'GET',
		path: '/organization',
		qs,
		paginate: { rootProperty: 'organizations', maxItems },
	}),
	toItems: ({ body }) => body as IDataObject[],
};
