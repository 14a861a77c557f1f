/**
 * Offset/limit lists read whole (Return All, a Limit, a list search's next page): the fewest
 * requests, no element twice, and never an endless loop nor a list silently returned incomplete.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DigiCertRequest, DigiCertResponse } from './types';
import { isObject } from './types';

/** DigiCert's largest page for offset/limit lists. */
export const MAX_PAGE_SIZE = 1000;

/** The most pages one list is read in: a million elements at DigiCert's page size, more than n8n can hold. */
export const MAX_PAGES = 1000;

/** Pages allowed beyond what the first page's total needs, for elements added while the list is read. */
const EXTRA_PAGES = 2;

/** What identifies a list element across pages: its ID, else its whole content. */
function elementKey(element: unknown): string {
	const id = (element as IDataObject | null)?.id;
	return typeof id === 'number' || typeof id === 'string'
		? `id:${id}`
		: `json:${JSON.stringify(element)}`;
}

/** The list's `page.total` when it is a count, else undefined. */
function pageTotal(page: IDataObject): number | undefined {
	const total = (page.page as IDataObject | undefined)?.total;
	return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}

/**
 * The most bytes one list is read in, over all its pages. MAX_ANSWER_BYTES bounds one page, but a
 * list may have MAX_PAGES of them; DigiCert's orders take 1-3 kB each, so this is 100,000 orders
 * or more, beyond what a workflow handles well. An object so tests can lower it.
 */
export const listLimits = { maxBytes: 256 * 1024 * 1024 };

/** How a list is read: one page's exchange, and the errors for a list that is not one. */
export interface PageSource {
	send(request: DigiCertRequest): Promise<DigiCertResponse>;
	/** A page that is not DigiCert's list. */
	notAList(statusCode: number, what: string): Error;
	/** A list that stopped advancing or did not end. */
	notAdvancing(what: string): Error;
	/** A list whose pages passed listLimits.maxBytes before it ended. */
	tooLarge(read: { maxBytes: number; pages: number; elements: number }): Error;
}

/**
 * Sends an offset/limit list request page by page and returns every element of
 * `request.paginate.rootProperty` (up to `maxItems`) as the response body. Pages are as large as
 * DigiCert allows, so the number of requests is the minimum; an element seen on an earlier page
 * (the list shifted between pages) is not repeated. A list that stops advancing (a page adding
 * nothing new), or runs past the pages its first page's total allows, is an error: never an
 * endless loop, nor a list silently returned incomplete.
 */
export async function readAllPages(
	request: DigiCertRequest,
	source: PageSource,
): Promise<DigiCertResponse> {
	const { rootProperty, maxItems = Infinity } = request.paginate!;
	const collected: unknown[] = [];
	const seen = new Set<string>();
	let offset = request.paginate!.offset ?? 0;
	let finished = false;
	let maxPages = MAX_PAGES;
	let last: DigiCertResponse | undefined;
	let bytes = 0;
	for (let pages = 1; collected.length < maxItems; pages++) {
		const limit = Math.min(MAX_PAGE_SIZE, maxItems - collected.length);
		last = await source.send({ ...request, qs: { ...request.qs, offset, limit } });
		const page = last.body as IDataObject | undefined;
		if (typeof page !== 'object' || page === null || Array.isArray(page)) {
			throw source.notAList(last.statusCode, 'something other than a list');
		}
		// An empty list omits its array key altogether; anything else in its place is not DigiCert's list,
		// and must not pass for an empty one (an audit would report nothing to do).
		const list = page[rootProperty] ?? [];
		if (!Array.isArray(list) || !list.every(isObject)) {
			throw source.notAList(last.statusCode, `a "${rootProperty}" that is not a list of objects`);
		}
		const elements: unknown[] = list;
		let added = 0;
		for (const element of elements) {
			const key = elementKey(element);
			if (seen.has(key)) continue;
			seen.add(key);
			added++;
			if (collected.length < maxItems) collected.push(element);
		}
		offset += elements.length;
		bytes += last.bodyBytes ?? 0;
		const total = pageTotal(page);
		if (pages === 1 && total !== undefined && elements.length > 0) {
			maxPages = Math.min(MAX_PAGES, Math.ceil(total / elements.length) + EXTRA_PAGES);
		}
		// Past the total the total is wrong (too low): read on to an empty page rather than stop short.
		const done = total !== undefined ? offset === total : elements.length < limit;
		if (elements.length === 0 || done) {
			finished = true;
			break;
		}
		if (collected.length >= maxItems) break;
		if (bytes > listLimits.maxBytes) {
			throw source.tooLarge({
				maxBytes: listLimits.maxBytes,
				pages,
				elements: collected.length,
			});
		}
		if (added === 0) {
			throw source.notAdvancing(
				`page ${pages} (offset ${offset - elements.length}) held only elements of earlier pages`,
			);
		}
		if (pages >= maxPages) {
			const said =
				total === undefined
					? 'without saying how many elements it holds'
					: `after saying it holds ${total} elements`;
			throw source.notAdvancing(`it did not end after ${pages} pages, ${said}`);
		}
	}
	return {
		statusCode: last?.statusCode ?? 200,
		headers: last?.headers ?? {},
		body: collected,
		...(finished ? {} : { nextOffset: offset }),
	};
}
