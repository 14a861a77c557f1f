import type { IDataObject } from 'n8n-workflow';

import { orderIdProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { simplifyOrder } from '../../shared/output';
import { assertPositiveId } from '../../../shared/validation';

type Parameters = { orderId: number };

export const get: DigiCertOperation<Parameters> = {
	value: 'get',
	name: 'Get',
	action: 'Get certificate order by ID',
	description: 'One order: status, certificate (common name, serial, validity), organization, division, product',
	output: { simplify: simplifyOrder, noun: 'order' },
	properties: [orderIdProperty('The ID of the order to get')],
	readParameters: (read) => ({ orderId: assertPositiveId(read('orderId'), 'Order ID') }),
	request: ({ orderId }) => ({ method: 'GET', path: `/order/certificate/${orderId}`, subject: `Order ${orderId}` }),
	toItems: ({ body }) => [body as IDataObject],
};
