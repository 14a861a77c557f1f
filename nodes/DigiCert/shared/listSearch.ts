import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { containsSearch } from '../../common/filters';
import { REGION_BASE_URLS } from '../../common/region';
import { DigiCertClient } from '../../common/transport';
import type { DigiCertRequest } from '../../common/types';
import { isObject } from '../../common/types';
import { CERTCENTRAL_HOSTS, pageUrl } from './locators';
import { isOfferedTlsProduct, productListName } from './products';
import { transportOptionsFrom } from './requestOptions';

/**
 * The lists the resource locators offer ("From List"), searched as the user types. Each search sends
 * one request for one page (never "Return All") through the same client as the operations: the
 * credential read once, pacing, retries, redaction and error messages. n8n asks for the next page
 * with the `paginationToken` a search returned (here: where the next page starts).
 */

/** Enough to fill the dropdown and scroll a little; the next page comes on scrolling. */
export const SEARCH_PAGE_SIZE = 50;

type Search = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** The CertCentral web host of the credential's region, for links; none for a custom base URL. */
function webHost(client: DigiCertClient): string | undefined {
	if (client.baseUrl === REGION_BASE_URLS.us) return CERTCENTRAL_HOSTS.us;
	if (client.baseUrl === REGION_BASE_URLS.eu) return CERTCENTRAL_HOSTS.eu;
	return undefined;
}

async function connect(context: ILoadOptionsFunctions): Promise<DigiCertClient> {
	let options;
	try {
		options = transportOptionsFrom(context.getCurrentNodeParameter('requestOptions'));
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Fix the rate limit and retry settings in the node and search again.',
		});
	}
	return await DigiCertClient.connect(context, options);
}

/** A token this module handed out: `<phase>:<offset>`; anything else starts from the beginning. */
function readToken(token: string | undefined): { phase: string; offset: number } {
	const match = /^([a-z]+):(\d{1,9})$/.exec(token ?? '');
	return match ? { phase: match[1], offset: Number(match[2]) } : { phase: '', offset: 0 };
}

/** One page of a DigiCert list, from `offset`, and where the next one starts (none at the end). */
async function listPage(
	client: DigiCertClient,
	path: string,
	rootProperty: string,
	qs: IDataObject,
	offset: number,
): Promise<{ elements: IDataObject[]; nextOffset?: number }> {
	const request: DigiCertRequest = {
		method: 'GET',
		path,
		qs,
		paginate: { rootProperty, maxItems: SEARCH_PAGE_SIZE, offset },
	};
	const response = await client.sendPaginated(request, 0);
	const elements = (response.body as unknown[]).filter(isObject);
	return { elements, nextOffset: response.nextOffset };
}

const text = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : '';
const words = (value: unknown) => text(value).replace(/_/g, ' ');

/** The search text: trimmed, and without the `%` of DigiCert's own syntax (the search always means "contains"). */
function searchText(filter: string | undefined): string {
	return (filter ?? '').trim().replace(/^%+/, '');
}

/** Orders by common name (or an order number), newest first. */
function orderQuery(filter: string | undefined): IDataObject {
	const search = searchText(filter);
	const qs: IDataObject = { sort: '-date_created' };
	if (/^\d+$/.test(search)) qs['filters[id]'] = search;
	else if (search !== '') qs['filters[search]'] = containsSearch(search);
	return qs;
}

function orderSummary(order: IDataObject): string {
	const certificate = isObject(order.certificate) ? order.certificate : {};
	const expires = text(certificate.valid_till)
		? `, expires ${text(certificate.valid_till).slice(0, 10)}`
		: '';
	return `${words(order.status)}${expires}`;
}

export const searchOrders: Search = async function (filter, paginationToken) {
	const client = await connect(this);
	const host = webHost(client);
	const { offset } = readToken(paginationToken);
	const page = await listPage(client, '/order/certificate', 'orders', orderQuery(filter), offset);
	const results = page.elements.map((order): INodeListSearchItems => {
		const certificate = isObject(order.certificate) ? order.certificate : {};
		return {
			name: `${text(certificate.common_name) || '(no common name)'} — order ${text(order.id)}, ${orderSummary(order)}`,
			value: text(order.id),
			...(host ? { url: pageUrl(host, 'orders', text(order.id)) } : {}),
		};
	});
	return {
		results,
		paginationToken: page.nextOffset === undefined ? undefined : `orders:${page.nextOffset}`,
	};
};

/** Certificates: each order's current certificate, found like orders (newest first). */
export const searchCertificates: Search = async function (filter, paginationToken) {
	const client = await connect(this);
	const host = webHost(client);
	const { offset } = readToken(paginationToken);
	const page = await listPage(client, '/order/certificate', 'orders', orderQuery(filter), offset);
	const results = page.elements.flatMap((order): INodeListSearchItems[] => {
		const certificate = isObject(order.certificate) ? order.certificate : {};
		if (text(certificate.id) === '') return [];
		return [
			{
				name: `${text(certificate.common_name) || '(no common name)'} — certificate ${text(certificate.id)} of order ${text(order.id)}, ${orderSummary(order)}`,
				value: text(certificate.id),
				// A certificate is shown on its order's page.
				...(host ? { url: pageUrl(host, 'orders', text(order.id)) } : {}),
			},
		];
	});
	return {
		results,
		paginationToken: page.nextOffset === undefined ? undefined : `orders:${page.nextOffset}`,
	};
};

function requestName(request: IDataObject): string {
	const order = isObject(request.order) ? request.order : {};
	const certificate = isObject(order.certificate) ? order.certificate : {};
	const requester = isObject(request.requester) ? request.requester : {};
	const by =
		[text(requester.first_name), text(requester.last_name)].filter(Boolean).join(' ') ||
		text(requester.email);
	return `${text(certificate.common_name) || `order ${text(order.id)}`} — request ${text(request.id)}, ${words(request.type)}, ${words(request.status)}${by ? `, by ${by}` : ''}`;
}

/**
 * Requests waiting for approval first, then the others: two DigiCert lists one after the other (the
 * token says which), as DigiCert cannot sort by status. Searches the certificate's common name.
 */
export const searchRequests: Search = async function (filter, paginationToken) {
	const client = await connect(this);
	const host = webHost(client);
	const search = searchText(filter);
	const base: IDataObject = search === '' ? {} : { 'filters[search]': containsSearch(search) };
	const token = readToken(paginationToken);
	const offset = token.offset;
	let phase = token.phase;
	if (phase !== 'others') phase = 'pending';
	let page = await listPage(
		client,
		'/request',
		'requests',
		phase === 'pending' ? { ...base, 'filters[status]': 'pending' } : base,
		offset,
	);
	if (phase === 'pending' && offset === 0 && page.elements.length === 0) {
		// Nothing waits for approval: an empty first page would leave the dropdown empty, so go on to the others.
		phase = 'others';
		page = await listPage(client, '/request', 'requests', base, 0);
	}
	// The second list has every request: the pending ones were already shown.
	const elements =
		phase === 'others' ? page.elements.filter((r) => r.status !== 'pending') : page.elements;
	const results = elements.map((request): INodeListSearchItems => ({
		name: requestName(request),
		value: text(request.id),
		...(host ? { url: pageUrl(host, 'requests', text(request.id)) } : {}),
	}));
	const next =
		page.nextOffset !== undefined
			? `${phase}:${page.nextOffset}`
			: phase === 'pending'
				? 'others:0'
				: undefined;
	return { results, paginationToken: next };
};

/** Domains by name. */
export const searchDomains: Search = async function (filter, paginationToken) {
	const client = await connect(this);
	const host = webHost(client);
	const search = searchText(filter);
	const { offset } = readToken(paginationToken);
	const qs: IDataObject = search === '' ? {} : { 'filters[search]': containsSearch(search) };
	const page = await listPage(client, '/domain', 'domains', qs, offset);
	const results = page.elements.map((domain): INodeListSearchItems => {
		const active =
			domain.is_active === false || domain.is_active === '0' || domain.is_active === 0
				? 'inactive'
				: 'active';
		return {
			name: `${text(domain.name) || '(no name)'} — domain ${text(domain.id)}, ${active}`,
			value: text(domain.id),
			...(host ? { url: pageUrl(host, 'domains', text(domain.id)) } : {}),
		};
	});
	return {
		results,
		paginationToken: page.nextOffset === undefined ? undefined : `domains:${page.nextOffset}`,
	};
};

/**
 * The account's TLS products for Create (`GET /product`, one unpaged list), without the replaced
 * ones, each with the plan lengths it allows; the search text matches name or ID. An unreadable list
 * says so in the dropdown and points to the By ID mode.
 */
export const searchProducts: Search = async function (filter) {
	const client = await connect(this);
	const search = searchText(filter).toLowerCase();
	let products: IDataObject[];
	try {
		const response = await client.send({ method: 'GET', path: '/product', subject: 'Products' }, 0);
		const body = response.body;
		if (!isObject(body) || (body.products !== undefined && !Array.isArray(body.products)))
			throw new Error('DigiCert answered without a product list');
		products = ((body.products ?? []) as unknown[]).filter(isObject);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not load the account's products from DigiCert: ${(error as Error).message}`,
			{
				description:
					"Switch Product to By ID and type DigiCert's product ID (e.g. ssl_basic), or check that the API key may read products.",
			},
		);
	}
	const results = products
		.filter(isOfferedTlsProduct)
		.filter(
			(p) =>
				search === '' ||
				text(p.name).toLowerCase().includes(search) ||
				text(p.name_id).toLowerCase().includes(search),
		)
		.sort((a, b) => text(a.name).localeCompare(text(b.name)))
		.map((p): INodeListSearchItems => ({ name: productListName(p), value: text(p.name_id) }));
	return { results };
};

/** The node's `methods.listSearch`: each locator names one of these (locators.ts). */
export const listSearch = {
	searchOrders,
	searchRequests,
	searchCertificates,
	searchDomains,
	searchProducts,
};
