import { isObject } from '../../../common/types';
import { assertPositiveId } from '../../../common/inputChecks';
import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { UnexpectedAnswerError } from '../../shared/operation';

type Parameters = { orderId: number };

/**
 * DigiCert's "Generate DCV token" for orders: the order's random value, a new one only when the
 * current one expired (DigiCert's page), with its expiration date.
 */
export const getDcvRandomValue: DigiCertOperation<Parameters> = {
	value: 'getDcvRandomValue',
	name: 'Get DCV Random Value',
	action: "Get order's DCV random value",
	description:
		"The value to publish for a pending order's DNS or HTTP DCV and its expiry (a new one once expired)",
	properties: [orderIdProperty('The ID of the pending order whose random value to get')],
	readParameters: (read) => ({ orderId: assertPositiveId(read('orderId'), 'Order ID') }),
	request: ({ orderId }) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/dcv-random-value`,
		subject: `Order ${orderId}`,
	}),
	toItems: ({ body }, { orderId }) => {
		if (!isObject(body) || typeof body.dcv_random_value !== 'string')
			throw new UnexpectedAnswerError();
		return [{ orderId, ...body }];
	},
};
