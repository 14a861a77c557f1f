import type { IDataObject } from 'n8n-workflow';

import type { FilterSpec } from '../../../common/filters';
import { asContainsSearch, asId, filtersToQuery, oneOf } from '../../../common/filters';
import type { DigiCertOperation } from '../../shared/operation';
import { ACTIVE_STATUSES, activeStatusFilter, filtersProperty } from '../../shared/fields';
import { readMaxItems, returnAllProperties } from '../../shared/returnAll';

type Parameters = { maxItems: number | undefined; qs: IDataObject };

const DCV_METHODS = [
	'dns-cname-token',
	'dns-txt-token',
	'email',
	'http-token',
	'http-token-static',
];
/** DigiCert's `filters[validation]` values for domains: fixed buckets of OV and EV validation expiry. */
const VALIDATION_BUCKETS: Array<[string, string]> = [
	['shortened_by_industry_changes', 'Shortened by Industry Changes'],
	['ov_expired_in_last_7_days', 'OV Expired in the Last 7 Days'],
	['ov_expiring_within_7_days', 'OV Expiring Within 7 Days'],
	['ov_expiring_within_30_days', 'OV Expiring Within 30 Days'],
	['ov_expiring_from_31_to_60_days', 'OV Expiring in 31 to 60 Days'],
	['ov_expiring_from_61_to_90_days', 'OV Expiring in 61 to 90 Days'],
	['ev_expired_in_last_7_days', 'EV Expired in the Last 7 Days'],
	['ev_expiring_within_7_days', 'EV Expiring Within 7 Days'],
	['ev_expiring_within_30_days', 'EV Expiring Within 30 Days'],
	['ev_expiring_from_31_to_60_days', 'EV Expiring in 31 to 60 Days'],
	['ev_expiring_from_61_to_90_days', 'EV Expiring in 61 to 90 Days'],
];

/** The Filters collection's fields and their DigiCert query keys. */
const domainFilters: FilterSpec[] = [
	{ name: 'status', displayName: 'Status', key: 'status', convert: oneOf(ACTIVE_STATUSES) },
	{ name: 'search', displayName: 'Search', key: 'search', convert: asContainsSearch },
	{ name: 'dcvMethod', displayName: 'DCV Method', key: 'dcv_method', convert: oneOf(DCV_METHODS) },
	{
		name: 'validation',
		displayName: 'Validation',
		key: 'validation',
		convert: oneOf(VALIDATION_BUCKETS.map(([value]) => value)),
	},
	// Not `filters[container_id]` here: public clients (Keyfactor, DigiCert's own Python client) send it plain.
	{
		name: 'containerId',
		displayName: 'Division ID',
		key: 'container_id',
		topLevel: true,
		convert: asId,
	},
];

export const getMany: DigiCertOperation<Parameters> = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many domains',
	description:
		'Domains with their validations and DCV expiry, by name, status, DCV method or division',
	properties: [
		...returnAllProperties(),
		filtersProperty([
			{
				displayName: 'DCV Method',
				name: 'dcvMethod',
				type: 'options',
				options: [
					{ name: 'DNS CNAME Token', value: 'dns-cname-token' },
					{ name: 'DNS TXT Token', value: 'dns-txt-token' },
					{ name: 'Email', value: 'email' },
					{ name: 'HTTP Token', value: 'http-token' },
					{ name: 'HTTP Token (Static)', value: 'http-token-static' },
				],
				default: 'dns-txt-token',
				description: 'Only domains validated with this domain control validation method',
			},
			{
				displayName: 'Division ID',
				name: 'containerId',
				type: 'string',
				default: '',
				description: 'Only domains in this division (container)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. example.com',
				description: 'Only domains whose name contains this text',
			},
			activeStatusFilter('domains'),
			{
				displayName: 'Validation',
				name: 'validation',
				type: 'options',
				options: VALIDATION_BUCKETS.map(([value, name]) => ({ name, value })).sort((a, b) =>
					a.name.localeCompare(b.name),
				),
				default: 'ov_expiring_within_30_days',
				description:
					"Only domains in one of DigiCert's validation-expiry buckets. For any number of days, use Get Expiring Validations instead.",
			},
		]),
	],
	readParameters: (read) => ({
		maxItems: readMaxItems(read),
		qs: {
			...filtersToQuery(read<IDataObject>('filters', {}), domainFilters),
			include_validation: true,
		},
	}),
	request: ({ maxItems, qs }) => ({
		method: 'GET',
		path: '/domain',
		qs,
		paginate: { rootProperty: 'domains', maxItems },
	}),
	toItems: ({ body }) => body as IDataObject[],
};
