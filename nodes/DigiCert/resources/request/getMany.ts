import type { IDataObject } from 'n8n-workflow';

import type { FilterSpec } from '../../../common/filters';
import { asId, asContainsSearch, filtersToQuery, oneOf } from '../../../common/filters';
import { filtersProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { simplifyRequest } from '../../shared/output';
import { readMaxItems, returnAllProperties } from '../../shared/returnAll';

type Parameters = { maxItems: number | undefined; qs: IDataObject };

export const REQUEST_STATUSES = ['approved', 'pending', 'rejected', 'submitted'];
export const REQUEST_TYPES = ['duplicate', 'new_request', 'reissue', 'revoke'];

/** The Filters collection's fields and their DigiCert query keys. */
export const requestFilters: FilterSpec[] = [
	{ name: 'status', displayName: 'Status', key: 'status', convert: oneOf(REQUEST_STATUSES) },
	{ name: 'type', displayName: 'Type', key: 'type', convert: oneOf(REQUEST_TYPES) },
	{ name: 'containerId', displayName: 'Division ID', key: 'container_id', convert: asId },
	{ name: 'search', displayName: 'Search', key: 'search', convert: asContainsSearch },
];

export const getMany: DigiCertOperation<Parameters> = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many certificate requests',
	description: 'Requests filtered by status (e.g. pending approval), type, division or text',
	output: { simplify: simplifyRequest, noun: 'request' },
	properties: [
		...returnAllProperties(),
		filtersProperty([
			{
				displayName: 'Division ID',
				name: 'containerId',
				type: 'string',
				default: '',
				description:
					"Only requests for orders in this division (CertCentral's API calls it a container)",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description:
					"Only requests whose order's certificate common name contains this text (what DigiCert's search looks at: not IDs)",
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Approved', value: 'approved' },
					{
						name: 'Pending',
						value: 'pending',
						description: 'Waiting for an approver ("Needs Approval")',
					},
					{ name: 'Rejected', value: 'rejected' },
					{ name: 'Submitted', value: 'submitted' },
				],
				default: 'pending',
				description: 'Only requests with this status',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Duplicate', value: 'duplicate' },
					{ name: 'New Request', value: 'new_request' },
					{ name: 'Reissue', value: 'reissue' },
					{ name: 'Revoke', value: 'revoke' },
				],
				default: 'new_request',
				description: 'Only requests of this type',
			},
		]),
	],
	readParameters: (read) => ({
		maxItems: readMaxItems(read),
		qs: filtersToQuery(read<IDataObject>('filters', {}), requestFilters),
	}),
	request: ({ maxItems, qs }) => ({
		method: 'GET',
		path: '/request',
		qs,
		paginate: { rootProperty: 'requests', maxItems },
	}),
	toItems: ({ body }) => body as IDataObject[],
};
