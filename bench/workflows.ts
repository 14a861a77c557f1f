/**
 * The benchmark's workflows, as node lists for the in-process engine (test/helpers/engine.ts)
 * and, unchanged, for the real n8n. Every variant does the same job against the same fake.
 */
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { BENCH_DATA } from './data';

export type JobName = 'get' | 'returnAll' | 'duplicates' | 'rateCapped';
export type Variant = 'digicert' | 'httpRequest' | 'fetch';

export interface Target {
	baseUrl: string;
	apiKey: string;
}

export const DIGICERT_TYPE = 'n8n-nodes-digicert.digiCert';
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
export const SPLIT_OUT_TYPE = 'n8n-nodes-base.splitOut';

/** The input items of a job (what the node before it hands over). */
export function inputItems(job: JobName): IDataObject[] {
	if (job === 'get') return ids(BENCH_DATA.firstRequestId, BENCH_DATA.requests);
	if (job === 'duplicates') return ids(BENCH_DATA.firstOrderId, BENCH_DATA.duplicateOrders);
	if (job === 'rateCapped')
		return ids(BENCH_DATA.firstRequestId, BENCH_DATA.rateCappedItems).map((_, i) => ({
			id: BENCH_DATA.firstRequestId + (i % BENCH_DATA.requests),
		}));
	return [{}];
}

function ids(first: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ id: first + i }));
}

const position: [number, number] = [400, 0];

function digiCert(parameters: INode['parameters']): INode {
	return {
		id: 'digicert',
		name: 'DigiCert',
		type: DIGICERT_TYPE,
		typeVersion: 1,
		position,
		parameters,
		credentials: { digiCertApi: { id: 'benchCredential1', name: 'DigiCert bench' } },
	};
}

/** n8n's HTTP Request node with the key set by hand as a header (what a user would do without this package). */
function httpRequest(target: Target, url: string, options: INodeParameters = {}): INode {
	return {
		id: 'http',
		name: 'HTTP Request',
		type: HTTP_REQUEST_TYPE,
		typeVersion: 4.2,
		position,
		parameters: {
			url,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'X-DC-DEVKEY', value: target.apiKey }] },
			options,
		},
	};
}

/**
 * The node(s) doing the job, after the input; their names are the ones whose executionTime counts.
 * Returns undefined when the variant does not apply (fetch is not a node).
 */
export function jobNodes(job: JobName, variant: Variant, target: Target): INode[] | undefined {
	const rateOff = { requestOptions: { rateLimit: 'off' } };
	if (variant === 'digicert') {
		if (job === 'get')
			return [
				digiCert({
					resource: 'request',
					operation: 'get',
					requestId: '={{ $json.id }}',
					...rateOff,
				}),
			];
		if (job === 'rateCapped')
			return [digiCert({ resource: 'request', operation: 'get', requestId: '={{ $json.id }}' })];
		if (job === 'duplicates')
			return [
				digiCert({
					resource: 'order',
					operation: 'listDuplicates',
					orderId: '={{ $json.id }}',
					...rateOff,
				}),
			];
		return [digiCert({ resource: 'order', operation: 'getMany', returnAll: true, ...rateOff })];
	}
	if (variant === 'httpRequest') {
		if (job === 'get')
			return [httpRequest(target, `={{ "${target.baseUrl}/request/" + $json.id }}`)];
		if (job === 'duplicates') {
			return [
				httpRequest(
					target,
					`={{ "${target.baseUrl}/order/certificate/" + $json.id + "/duplicate" }}`,
				),
				splitOut('certificates'),
			];
		}
		if (job === 'returnAll') {
			// The HTTP Request node's own pagination: offset/limit, stop when the page total is reached.
			return [
				httpRequest(target, `${target.baseUrl}/order/certificate`, {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: {
								parameters: [
									{ type: 'qs', name: 'offset', value: '={{ $pageCount * 1000 }}' },
									{ type: 'qs', name: 'limit', value: '1000' },
								],
							},
							paginationCompleteWhen: 'other',
							completeExpression:
								'={{ $response.body.page.offset + $response.body.page.limit >= $response.body.page.total }}',
							limitPagesFetched: false,
						},
					},
				}),
				splitOut('orders'),
			];
		}
	}
	return undefined;
}

/** HTTP Request returns a page (or a duplicates body) per request: Split Out makes one item per element. */
function splitOut(field: string): INode {
	return {
		id: 'split',
		name: 'Split Out',
		type: SPLIT_OUT_TYPE,
		typeVersion: 1,
		position: [600, 0],
		parameters: { fieldToSplitOut: field, include: 'noOtherFields' },
	};
}
