import type { IDataObject } from 'n8n-workflow';

import { requestIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { simplifyRequest } from '../../shared/output';
import { assertPositiveId } from '../../../common/inputChecks';

type Parameters = { requestId: number };

export const get: DigiCertOperation<Parameters> = {
	value: 'get',
	name: 'Get',
	action: 'Get certificate request by ID',
	description: 'One request: type, status, requester, reviewer and its order',
	output: { simplify: simplifyRequest, noun: 'request' },
	properties: [requestIdProperty('The ID of the request to get')],
	readParameters: (read) => ({ requestId: assertPositiveId(read('requestId'), 'Request ID') }),
	request: ({ requestId }) => ({
		method: 'GET',
		path: `/request/${requestId}`,
		subject: `Request ${requestId}`,
	}),
	toItems: ({ body }) => [body as IDataObject],
};
