import { assertPositiveId } from '../../../common/inputChecks';
import { orderIdProperty } from '../../shared/locators';
import { revocationOperation } from '../../shared/revocationOperation';

export const revoke = revocationOperation({
	value: 'revoke',
	name: 'Revoke',
	action: 'Revoke every certificate of order',
	description: 'Revoke all certificates of the order, duplicates and reissues too. Permanent.',
	notice:
		'Revoking makes every certificate of the order invalid at once, and servers using them break',
	targetProperties: [orderIdProperty('The ID of the order whose certificates to revoke')],
	readTarget: (read) => ({ orderId: assertPositiveId(read('orderId'), 'Order ID') }),
	request: ({ orderId }, body) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/revoke`,
		body,
		subject: `Order ${orderId}`,
	}),
	output: ({ orderId }) => ({ orderId }),
});
