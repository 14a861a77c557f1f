import { assertPositiveId } from '../../../common/inputChecks';
import { assertDcvMethod, dcvMethodProperty } from '../../shared/dcv';
import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { emptyOrObject } from '../../shared/operation';

type Parameters = { orderId: number; dcvMethod: string };

/** DigiCert's "Change DCV method" for a pending order: PUT `{dcv_method}`, answered with the random value. */
export const changeDcvMethod: DigiCertOperation<Parameters> = {
	value: 'changeDcvMethod',
	name: 'Change DCV Method',
	action: "Change order's DCV method",
	description:
		"Validate a pending order's domains another way (e.g. DNS TXT); outputs the value to publish",
	properties: [
		orderIdProperty('The ID of the pending order (or order with a pending reissue)'),
		dcvMethodProperty("How DigiCert is to check control of the order's domains", true),
	],
	readParameters: (read) => ({
		orderId: assertPositiveId(read('orderId'), 'Order ID'),
		dcvMethod: assertDcvMethod(read('dcvMethod')),
	}),
	request: ({ orderId, dcvMethod }) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/dcv-method`,
		body: { dcv_method: dcvMethod },
		subject: `Order ${orderId}`,
	}),
	toItems: ({ body }, { orderId, dcvMethod }) => [{ orderId, dcvMethod, ...emptyOrObject(body) }],
};
