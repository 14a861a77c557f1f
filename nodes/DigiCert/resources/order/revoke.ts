import { assertPositiveId } from '../../../shared/validation';
import { orderIdProperty } from '../../shared/fields';
import { revocationOperation } from '../../shared/revocationOperation';

export const revoke = revocationOperation({
	value: 'revoke',
	name: 'Revoke Order',
	action: 'Revoke every certificate of an order',
	description:
		'Revoke every certificate of an order (its duplicates and reissues too), with a reason and comment. Permanent: a revoked certificate cannot be restored, reissued or duplicated, and servers using it break. Without Skip Approval DigiCert creates a revoke request an administrator must approve; outputs {orderId, status: "revoked"} when done at once, or {orderId, status: "pending", waitingForApproval: true, requestId}.',
	targetProperties: [orderIdProperty('The ID of the order whose certificates to revoke')],
	readTarget: (read) => ({ orderId: assertPositiveId(read('orderId'), 'Order ID') }),
	request: ({ orderId }, body) => ({ method: 'PUT', path: `/order/certificate/${orderId}/revoke`, body, subject: `Order ${orderId}` }),
	output: ({ orderId }) => ({ orderId }),
});
