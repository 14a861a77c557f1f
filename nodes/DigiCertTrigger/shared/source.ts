import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { DigiCertClient } from '../../common/transport';
import type { DigiCertSource } from '../events/types';

/** The events' view of DigiCert, over the shared transport (retries, rate cap, pagination, errors). */
export function clientSource(client: DigiCertClient): DigiCertSource {
	return {
		async list(path, qs, rootProperty, maxItems) {
			const response = await client.sendPaginated(
				{ method: 'GET', path, qs, paginate: { rootProperty, maxItems } },
				0,
			);
			return response.body as IDataObject[];
		},
		async get(path, subject) {
			// The transport's errors are NodeApiErrors already; only "not found" is an answer here.
			let failure: unknown;
			try {
				return (await client.send({ method: 'GET', path, subject }, 0)).body as IDataObject;
			} catch (error) {
				failure = error;
			}
			if (failure instanceof NodeApiError && failure.httpCode === '404') return undefined;
			throw failure;
		},
		async fetch(path, qs) {
			const body = (await client.send({ method: 'GET', path, qs }, 0)).body;
			return typeof body === 'object' && body !== null && !Array.isArray(body)
				? (body as IDataObject)
				: {};
		},
	};
}
