import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FilterSpec } from '../../../shared/filters';
import { asId, asText, asContainsSearch, dateRangeFilter, filtersToQuery, oneOf, toFilterDate } from '../../../shared/filters';
import { ORDER_STATUS_OPTIONS, ORDER_STATUSES } from '../../../shared/orderStatuses';
import type { ParameterReader } from '../../../shared/types';
import { isObject } from '../../../shared/types';
import { quoteValue } from '../../../shared/validation';
import { filtersProperty, fromVersion1_1, onlyInVersion1, optionsProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { simplifyOrder } from '../../shared/output';
import { readMaxItems, returnAllProperties } from '../../shared/pagination';

type Parameters = { maxItems: number | undefined; qs: IDataObject };

/** Sort orders DigiCert accepts for order lists (`-` = descending). */
const SORTS = ['date_created', '-date_created', 'valid_till', '-valid_till', 'common_name', '-common_name', 'id', '-id'];

/** The Filters collection's simple fields and their DigiCert query keys (dates are handled below). */
export const orderFilters: FilterSpec[] = [
	{ name: 'status', displayName: 'Status', key: 'status', convert: oneOf(ORDER_STATUSES) },
	{ name: 'commonName', displayName: 'Common Name', key: 'common_name', convert: asText },
	{ name: 'productNameId', displayName: 'Product', key: 'product_name_id', convert: asText },
	{ name: 'containerId', displayName: 'Division ID', key: 'container_id', convert: asId },
	{ name: 'search', displayName: 'Search', key: 'search', convert: asContainsSearch },
];

/** `filters[valid_till]` / `filters[date_created]` from the From/To pairs, in DigiCert's range syntax. */
export function orderDateFilters(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const pairs: Array<[string, string, string, string]> = [
		['valid_till', 'validTillFrom', 'validTillTo', 'Expires'],
		['date_created', 'createdFrom', 'createdTo', 'Created'],
	];
	for (const [key, fromName, toName, label] of pairs) {
		const date = (name: string, which: string) => {
			const value = filters[name];
			return value === undefined || value === null || value === '' ? undefined : toFilterDate(value, `${label} ${which}`);
		};
		const range = dateRangeFilter(date(fromName, 'From'), date(toName, 'To'));
		if (range !== undefined) qs[`filters[${key}]`] = range;
	}
	return qs;
}

/** The sort a new node (typeVersion 1.1) starts with: soonest expiry first, so a Limit gives the orders that need attention first. */
const DEFAULT_SORT = 'valid_till';

const sortField: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'options',
	options: [
		{ name: 'Common Name (A-Z)', value: 'common_name' },
		{ name: 'Common Name (Z-A)', value: '-common_name' },
		{ name: 'Created (Newest First)', value: '-date_created' },
		{ name: 'Created (Oldest First)', value: 'date_created' },
		{ name: 'Expires (Latest First)', value: '-valid_till' },
		{ name: 'Expires (Soonest First)', value: 'valid_till' },
		{ name: 'ID (Ascending)', value: 'id' },
		{ name: 'ID (Descending)', value: '-id' },
	],
	default: DEFAULT_SORT,
	description: 'The order in which DigiCert lists the orders',
};

export function readOrderListQuery(read: ParameterReader): IDataObject {
	const filters = read<IDataObject>('filters', {}) ?? {};
	const qs = { ...filtersToQuery(filters, orderFilters), ...orderDateFilters(filters) };
	// typeVersion 1: Options > Sort (nothing sent unless added); from 1.1: Sort > Sort By.
	const sortCollection = read<unknown>('sort', {});
	const options = read<IDataObject>('options', {}) ?? {};
	const sort = isObject(sortCollection) && sortCollection.by !== undefined ? sortCollection.by : options.sort;
	if (sort !== undefined && sort !== '') {
		if (typeof sort !== 'string' || !SORTS.includes(sort)) {
			throw new Error(`Sort must be one of ${SORTS.join(', ')}, but it is ${quoteValue(sort)}`);
		}
		qs.sort = sort;
	}
	return qs;
}

/** The hint every whole-day filter shows: the day picked is the day sent, the range includes both ends. */
export const WHOLE_DAYS_HINT = 'Whole days, both ends included: the day you pick is the day sent, whatever the time zone';

const dateField = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'dateTime' as const,
	default: '',
	description,
	hint: WHOLE_DAYS_HINT,
});

export const getMany: DigiCertOperation<Parameters> = {
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many certificate orders',
	description: 'Orders filtered by status, name, product, division, dates or text, in the order chosen',
	output: { simplify: simplifyOrder, noun: 'order' },
	properties: [
		...returnAllProperties(),
		filtersProperty([
			{
				displayName: 'Common Name',
				name: 'commonName',
				type: 'string',
				default: '',
				placeholder: 'e.g. www.example.com',
				description: "Only orders whose certificate's common name is exactly this",
			},
			dateField('Created From', 'createdFrom', 'Only orders created on or after this day'),
			dateField('Created To', 'createdTo', 'Only orders created on or before this day'),
			{
				displayName: 'Division ID',
				name: 'containerId',
				type: 'string',
				default: '',
				description: "Only orders in this division (CertCentral's API calls it a container)",
			},
			dateField('Expires From', 'validTillFrom', "Only orders whose certificate's valid-till date is on or after this day"),
			dateField('Expires To', 'validTillTo', "Only orders whose certificate's valid-till date is on or before this day"),
			{
				displayName: 'Product',
				name: 'productNameId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ssl_basic',
				description: "Only orders of this product, by DigiCert's product name ID (e.g. ssl_basic, ssl_ev_basic, ssl_securesite_pro)",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only orders whose ID, common name, DNS names or serial number contain this text',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: ORDER_STATUS_OPTIONS.map((option) =>
					option.value === 'issued' ? { ...option, description: 'Issued certificates, including expired ones' } : option,
				),
				default: 'issued',
				description: 'Only orders with this status',
			},
		]),
		// typeVersion 1 had Sort in Options; from 1.1 it is its own collection, soonest expiry by default.
		onlyInVersion1(optionsProperty([{ ...sortField, default: 'date_created' }])),
		fromVersion1_1({
			displayName: 'Sort',
			name: 'sort',
			type: 'collection',
			placeholder: 'Add Sort',
			default: { by: DEFAULT_SORT },
			options: [{ ...sortField, name: 'by', displayName: 'Sort By' }],
		}),
	],
	readParameters: (read) => ({ maxItems: readMaxItems(read), qs: readOrderListQuery(read) }),
	request: ({ maxItems, qs }) => ({
		method: 'GET',
		path: '/order/certificate',
		qs,
		paginate: { rootProperty: 'orders', maxItems },
	}),
	toItems: ({ body }) => body as IDataObject[],
};
