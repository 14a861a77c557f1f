import { assertText } from '../../../shared/certificateInput';
import { assertPositiveId } from '../../../shared/validation';
import { orderIdProperty } from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';

type Parameters = { orderId: number; note: string };

/** Update order status with `canceled`: DigiCert answers 204, so the output says what was done. */
export const cancel: DigiCertOperation<Parameters> = {
	value: 'cancel',
	name: 'Cancel Order',
	action: 'Cancel a pending certificate order',
	description:
		'Cancel an order that is not issued yet (status pending or waiting_pickup), or the pending reissue of an issued order (status reissue_pending), with a note; outputs {orderId, status: "canceled"}. Cannot be undone: a canceled order must be placed again. Fails if the order is issued, revoked or already canceled.',
	properties: [
		orderIdProperty('The ID of the pending order to cancel'),
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 2 },
			required: true,
			default: '',
			description: 'Why the order is canceled (DigiCert requires it), e.g. the ticket number',
		},
	],
	readParameters: (read) => ({
		orderId: assertPositiveId(read('orderId'), 'Order ID'),
		note: assertText(read('note', ''), 'Note', true),
	}),
	request: ({ orderId, note }) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/status`,
		body: { status: 'canceled', note },
		subject: `Order ${orderId}`,
	}),
	toItems: (_response, { orderId, note }) => [{ orderId, status: 'canceled', note }],
};
