import type { IDataObject } from 'n8n-workflow';

import { domainIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { assertPositiveId } from '../../../common/inputChecks';

type Parameters = { domainId: number };

export const get: DigiCertOperation<Parameters> = {
	value: 'get',
	name: 'Get',
	action: 'Get domain by ID',
	description:
		'One domain by ID: its validations, when its DCV lapses (dcv_expiration), DCV method and token',
	properties: [domainIdProperty('The ID of the domain to get')],
	readParameters: (read) => ({ domainId: assertPositiveId(read('domainId'), 'Domain ID') }),
	request: ({ domainId }) => ({
		method: 'GET',
		path: `/domain/${domainId}`,
		qs: { include_dcv: true, include_validation: true },
		subject: `Domain ${domainId}`,
	}),
	toItems: ({ body }) => [body as IDataObject],
};
