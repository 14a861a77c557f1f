import { assertText } from '../../../common/certificateInput';
import { assertPositiveId } from '../../../common/inputChecks';
import { irreversibleNotice } from '../../shared/fields';
import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { isObject } from '../../../common/types';

type Parameters = { orderId: number; note: string; reissuePending?: boolean };

/** Update order status with `canceled`: DigiCert answers 204, so the output says what was done. */
export const cancel: DigiCertOperation<Parameters> = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel pending certificate order',
	description:
		"Cancel a pending order, or an order's pending reissue (it stays issued). Cannot be undone.",
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
	// What a cancel does depends on the order: a reissue_pending order keeps its certificate and only
	// the reissue is canceled, so the output can say which it was.
	async prepare(parameters, send) {
		const { orderId } = parameters;
		const order = (
			await send({
				method: 'GET',
				path: `/order/certificate/${orderId}`,
				subject: `Order ${orderId}`,
			})
		).body;
		return { ...parameters, reissuePending: isObject(order) && order.status === 'reissue_pending' };
	},
	request: ({ orderId, note }) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/status`,
		body: { status: 'canceled', note },
		subject: `Order ${orderId}`,
	}),
	toItems: (_response, { orderId, note, reissuePending }) => [
		reissuePending
			? {
					orderId,
					canceled: 'reissue',
					status: 'issued',
					reissueRequestStatus: 'rejected',
					message:
						'The pending reissue was canceled (its request is rejected); the order is issued again with its current certificate',
					note,
				}
			: { orderId, canceled: 'order', status: 'canceled', note },
	],
};
