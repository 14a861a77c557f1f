import type { IDataObject } from 'n8n-workflow';

import { requestIdProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { assertPositiveId } from '../../../shared/validation';

type Parameters = { requestId: number };

export const get: DigiCertOperation<Parameters> = {
	value: 'get',
	name: 'Get Request',
	action: 'Get a certificate request',
	description:
		'Get one certificate request by ID: its type, status (submitted, pending, approved, rejected), requester, reviewer and the order it belongs to',
	properties: [requestIdProperty('The ID of the request to get')],
	readParameters: (read) => ({ requestId: assertPositiveId(read('requestId'), 'Request ID') }),
	request: ({ requestId }) => ({ method: 'GET', path: `/request/${requestId}`, subject: `Request ${requestId}` }),
	toItems: ({ body }) => [body as IDataObject],
};
