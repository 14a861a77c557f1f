import { assertText } from '../../../common/certificateInput';
import { assertPositiveId } from '../../../common/inputChecks';
import { irreversibleNotice } from '../../shared/fields';
import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';

type Parameters = { orderId: number; note: string };

/** Update order status with `canceled`: DigiCert answers 204, so the output says what was done. */
export const cancel: DigiCertOperation<Parameters> = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel pending certificate order',
	description:
		"Cancel an order not issued yet, or an issued order's pending reissue. Cannot be undone.",
	properties: [
		irreversibleNotice('A canceled order must be placed again'),
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
