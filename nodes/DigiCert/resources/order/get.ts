import type { IDataObject } from 'n8n-workflow';

import { orderIdProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { assertPositiveId } from '../../../shared/validation';

type Parameters = { orderId: number };

export const get: DigiCertOperation<Parameters> = {
	value: 'get',
	name: 'Get Order',
	action: 'Get a certificate order',
	description:
		'Get one certificate order by ID: its status (pending, issued, revoked …), certificate (common name, DNS names, serial number, valid from/till, days remaining), organization, container, product and requests',
	properties: [orderIdProperty('The ID of the order to get')],
	readParameters: (read) => ({ orderId: assertPositiveId(read('orderId'), 'Order ID') }),
	request: ({ orderId }) => ({ method: 'GET', path: `/order/certificate/${orderId}`, subject: `Order ${orderId}` }),
	toItems: ({ body }) => [body as IDataObject],
};
