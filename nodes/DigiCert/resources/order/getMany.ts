import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { mapBounded } from '../../../common/concurrency';
import type { FilterSpec } from '../../../common/filters';
import {
	asId,
	asText,
	asContainsSearch,
	asSerialNumber,
	dateRangeFilter,
	filtersToQuery,
	oneOf,
	toFilterDate,
} from '../../../common/filters';
import { ORDER_STATUS_OPTIONS, ORDER_STATUSES } from '../../../common/orderStatuses';
import type { DigiCertRequest, DigiCertResponse, ParameterReader } from '../../../common/types';
import { isObject } from '../../../common/types';
import { assertBoolean, assertPositiveId, quoteValue } from '../../../common/inputChecks';
import { filtersProperty, optionsProperty } from '../../shared/fields';
import { fromVersion1_1, onlyInVersion1 } from '../../shared/versions';
import type { DigiCertOperation } from '../../shared/operation';
import type { OrderCertificateKind } from '../../shared/orderCertificateListOperation';
import {
	certificatesIn,
	orderCertificatesRequest,
} from '../../shared/orderCertificateListOperation';
import { simplifyOrder } from '../../shared/output';
import { readMaxItems, returnAllProperties } from '../../shared/returnAll';

/** Which of each order's other certificates to add to its item. */
type Includes = { duplicates: boolean; reissues: boolean };

type Parameters = {
	maxItems: number | undefined;
	qs: IDataObject;
	localSort: string | undefined;
	include: Includes;
};

/** Orders whose certificates are asked for at once (the key's pacer sets the pace). */
const INCLUDE_CONCURRENCY = 10;

/**
 * The Sort option's values (`-` = descending). DigiCert documents the `sort` syntax, but its list of
 * sortable order properties could not be read; only `date_created` is used by public clients, so
 * only it is sent to DigiCert. The others are sorted by n8n, after every matching order is read.
 */
const SORTS = [
	'date_created',
	'-date_created',
	'valid_till',
	'-valid_till',
	'common_name',
	'-common_name',
	'id',
	'-id',
];
const SORTED_BY_DIGICERT = ['date_created', '-date_created'];

/** How n8n compares two orders for the sorts it does itself; ties go by order ID. */
const LOCAL_SORT_KEYS: Record<string, (order: IDataObject) => string | number> = {
	valid_till: (order) => String((order.certificate as IDataObject | undefined)?.valid_till ?? ''),
	common_name: (order) =>
		String((order.certificate as IDataObject | undefined)?.common_name ?? '').toLowerCase(),
	id: (order) => Number(order.id),
};

/** `orders` sorted by `sort` (e.g. `-valid_till`), by n8n; orders without the value (no expiry yet) go last. */
function sortOrders(orders: IDataObject[], sort: string): IDataObject[] {
	const descending = sort.startsWith('-');
	const key = LOCAL_SORT_KEYS[descending ? sort.slice(1) : sort];
	const sign = descending ? -1 : 1;
	return [...orders].sort((a, b) => {
		const x = key(a);
		const y = key(b);
		if (x === '' || y === '') return x === y ? Number(a.id) - Number(b.id) : x === '' ? 1 : -1;
		return (x < y ? -sign : x > y ? sign : 0) || Number(a.id) - Number(b.id);
	});
}

/** The Filters collection's simple fields and their DigiCert query keys (dates are handled below). */
export const orderFilters: FilterSpec[] = [
	{ name: 'status', displayName: 'Status', key: 'status', convert: oneOf(ORDER_STATUSES) },
	{ name: 'commonName', displayName: 'Common Name', key: 'common_name', convert: asText },
	{ name: 'productNameId', displayName: 'Product', key: 'product_name_id', convert: asText },
	{ name: 'containerId', displayName: 'Division ID', key: 'container_id', convert: asId },
	{ name: 'domainName', displayName: 'Domain Name', key: 'domain_name', convert: asText },
	{ name: 'organizationId', displayName: 'Organization ID', key: 'organization_id', convert: asId },
	{
		name: 'serialNumber',
		displayName: 'Serial Number',
		key: 'serial_number',
		convert: asSerialNumber,
	},
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
			return value === undefined || value === null || value === ''
				? undefined
				: toFilterDate(value, `${label} ${which}`);
		};
		const range = dateRangeFilter(date(fromName, 'From'), date(toName, 'To'));
		if (range !== undefined) qs[`filters[${key}]`] = range;
	}
	return qs;
}

/** The order-list query for the Filters, and the Sort: sent to DigiCert (`qs.sort`) or left to n8n (`localSort`). */
function readOrderListQuery(read: ParameterReader): {
	qs: IDataObject;
	localSort: string | undefined;
	include: Includes;
} {
	const filters = read<IDataObject>('filters', {}) ?? {};
	const qs = { ...filtersToQuery(filters, orderFilters), ...orderDateFilters(filters) };
	// typeVersion 1: Options > Sort (nothing sent unless added); from 1.1: Sort > Sort By.
	const sortCollection = read<unknown>('sort', {});
	const options = read<IDataObject>('options', {}) ?? {};
	const sort =
		isObject(sortCollection) && sortCollection.by !== undefined ? sortCollection.by : options.sort;
	const include = {
		duplicates: assertBoolean(options.includeDuplicates ?? false, 'Include Duplicate Certificates'),
		reissues: assertBoolean(options.includeReissues ?? false, 'Include Reissued Certificates'),
	};
	if (sort === undefined || sort === '') return { qs, localSort: undefined, include };
	if (typeof sort !== 'string' || !SORTS.includes(sort)) {
		throw new Error(`Sort must be one of ${SORTS.join(', ')}, but it is ${quoteValue(sort)}`);
	}
	if (SORTED_BY_DIGICERT.includes(sort))
		return { qs: { ...qs, sort }, localSort: undefined, include };
	return { qs, localSort: sort, include };
}

/** Get Many Orders' options to add each order's other certificates (both versions). */
const includeFields: INodeProperties[] = [
	{
		displayName: 'Include Duplicate Certificates',
		name: 'includeDuplicates',
		type: 'boolean',
		default: false,
		description:
			"Whether to add each order's duplicate certificates (duplicate_certificates). They are asked for only for orders DigiCert marks has_duplicates: one request per such order.",
	},
	{
		displayName: 'Include Reissued Certificates',
		name: 'includeReissues',
		type: 'boolean',
		default: false,
		description:
			"Whether to add each order's reissued certificates (reissued_certificates). DigiCert's order list does not say which orders were reissued: one request per order.",
	},
];

/** The item field each kind of certificate goes to. */
const INCLUDED_FIELD: Record<OrderCertificateKind, string> = {
	duplicate: 'duplicate_certificates',
	reissue: 'reissued_certificates',
};

/**
 * Adds the asked-for certificates to each order. Duplicates are asked for only for the orders
 * DigiCert lists with `has_duplicates: true` (the others get an empty list without a request), so
 * an audit of N orders with D duplicated ones costs ceil(N / 1000) + D requests. The order list
 * does not say which orders were reissued: reissues cost one request per order.
 */
async function withCertificates(
	orders: IDataObject[],
	include: Includes,
	send: (request: DigiCertRequest) => Promise<DigiCertResponse>,
): Promise<IDataObject[]> {
	if (!include.duplicates && !include.reissues) return orders;
	const list = async (order: IDataObject, kind: OrderCertificateKind) =>
		// The ID comes from DigiCert's answer: checked like user input before it goes into a path.
		certificatesIn(
			(
				await send(
					orderCertificatesRequest(
						assertPositiveId(order.id, "The order ID in DigiCert's list"),
						kind,
					),
				)
			).body,
		);
	return await mapBounded(orders, INCLUDE_CONCURRENCY, async (order) => ({
		...order,
		...(include.duplicates
			? {
					[INCLUDED_FIELD.duplicate]:
						order.has_duplicates === true ? await list(order, 'duplicate') : [],
				}
			: {}),
		...(include.reissues ? { [INCLUDED_FIELD.reissue]: await list(order, 'reissue') } : {}),
	}));
}

/**
 * The sort a new node (typeVersion 1.1) starts with: soonest expiry first, so a Limit gives the orders
 * that need attention first (n8n sorts, after reading every match: DigiCert documents no such sort).
 */
const DEFAULT_SORT = 'valid_till';

const sortField: INodeProperties = {
	displayName: 'Sort',
	name: 'sort',
	type: 'options',
	options: [
		{
			name: 'Common Name (A-Z)',
			value: 'common_name',
			description: 'Sorted by n8n after reading every matching order',
		},
		{
			name: 'Common Name (Z-A)',
			value: '-common_name',
			description: 'Sorted by n8n after reading every matching order',
		},
		{ name: 'Created (Newest First)', value: '-date_created', description: 'Sorted by DigiCert' },
		{ name: 'Created (Oldest First)', value: 'date_created', description: 'Sorted by DigiCert' },
		{
			name: 'Expires (Latest First)',
			value: '-valid_till',
			description: 'Sorted by n8n after reading every matching order',
		},
		{
			name: 'Expires (Soonest First)',
			value: 'valid_till',
			description: 'Sorted by n8n after reading every matching order',
		},
		{
			name: 'ID (Ascending)',
			value: 'id',
			description: 'Sorted by n8n after reading every matching order',
		},
		{
			name: 'ID (Descending)',
			value: '-id',
			description: 'Sorted by n8n after reading every matching order',
		},
	],
	default: 'date_created',
	description:
		'The order of the results. DigiCert sorts by creation date; for the other sorts (which DigiCert does not document) n8n reads every matching order, sorts them, then applies the Limit.',
};

/** The hint every whole-day filter shows: the day picked is the day sent, the range includes both ends. */
export const WHOLE_DAYS_HINT =
	'Whole days, both ends included: the day you pick is the day sent, whatever the time zone';

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
	description:
		'Orders filtered by status, name, product, division, dates or text, in the order chosen',
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
			{
				displayName: 'Domain Name',
				name: 'domainName',
				type: 'string',
				default: '',
				placeholder: 'e.g. www.example.com',
				description:
					"Only orders whose certificate's common name or DNS names include this domain name",
			},
			dateField(
				'Expires From',
				'validTillFrom',
				"Only orders whose certificate's valid-till date is on or after this day",
			),
			dateField(
				'Expires To',
				'validTillTo',
				"Only orders whose certificate's valid-till date is on or before this day",
			),
			{
				displayName: 'Organization ID',
				name: 'organizationId',
				type: 'string',
				default: '',
				description: 'Only orders for this organization',
			},
			{
				displayName: 'Product',
				name: 'productNameId',
				type: 'string',
				default: '',
				placeholder: 'e.g. ssl_basic',
				description:
					"Only orders of this product, by DigiCert's product name ID (e.g. ssl_basic, ssl_ev_basic, ssl_securesite_pro)",
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description:
					"Only orders whose email or certificate common name contains this text (what DigiCert's search looks at: not IDs, DNS names or serial numbers; use Domain Name or Serial Number for those)",
			},
			{
				displayName: 'Serial Number',
				name: 'serialNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0A1B2C3D4E5F60718293A4B5C6D7E8F9',
				description:
					'Only the order whose certificate has this serial number (hex; colons or spaces between bytes are removed)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: ORDER_STATUS_OPTIONS.map((option) =>
					option.value === 'issued'
						? { ...option, description: 'Issued certificates, including expired ones' }
						: option,
				),
				default: 'issued',
				description: 'Only orders with this status',
			},
		]),
		// typeVersion 1 had Sort in Options; from 1.1 it is its own collection, soonest expiry by default.
		onlyInVersion1(optionsProperty([...includeFields, sortField])),
		fromVersion1_1(optionsProperty(includeFields)),
		fromVersion1_1({
			displayName: 'Sort',
			name: 'sort',
			type: 'collection',
			placeholder: 'Add Sort',
			default: { by: DEFAULT_SORT },
			options: [{ ...sortField, name: 'by', displayName: 'Sort By', default: DEFAULT_SORT }],
		}),
	],
	readParameters: (read) => ({ maxItems: readMaxItems(read), ...readOrderListQuery(read) }),
	request: ({ maxItems, qs, localSort }) => ({
		method: 'GET',
		path: '/order/certificate',
		qs,
		// Sorting here needs every match first; the Limit applies after.
		paginate: { rootProperty: 'orders', maxItems: localSort === undefined ? maxItems : undefined },
	}),
	toItems: async ({ body }, { maxItems, localSort, include }, _context, { send }) => {
		const orders = body as IDataObject[];
		const listed =
			localSort === undefined ? orders : sortOrders(orders, localSort).slice(0, maxItems);
		return await withCertificates(listed, include, send);
	},
};
