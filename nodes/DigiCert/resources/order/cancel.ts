import { assertText } from '../../../common/certificateInput';
import { assertPositiveId } from '../../../common/inputChecks';
import { irreversibleNotice } from '../../shared/fields';
import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { isObject } from '../../../common/types';

/** The order's status read before cancelling: `undefined` when DigiCert's answer had none (not an order). */
type Parameters = { orderId: number; note: string; statusBefore?: string };

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
	// the reissue is canceled, so the output can say which it was. An answer that is not an order does
	// not stop the cancel the user asked for; the output then says which it was is not known.
	async prepare(parameters, send) {
		const { orderId } = parameters;
		const order = (
			await send({
				method: 'GET',
				path: `/order/certificate/${orderId}`,
				subject: `Order ${orderId}`,
			})
		).body;
		const status = isObject(order) ? order.status : undefined;
		return { ...parameters, statusBefore: typeof status === 'string' ? status : undefined };
	},
	request: ({ orderId, note }) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/status`,
		body: { status: 'canceled', note },
		subject: `Order ${orderId}`,
	}),
	toItems: (_response, { orderId, note, statusBefore }) => {
		if (statusBefore === 'reissue_pending')
			return [
				{
					orderId,
					canceled: 'reissue',
					status: 'issued',
					reissueRequestStatus: 'rejected',
					message:
						'The pending reissue was canceled (its request is rejected); the order is issued again with its current certificate',
					note,
				},
			];
		if (statusBefore === undefined)
			return [
				{
					orderId,
					canceled: 'order or reissue',
					message: `DigiCert accepted the cancel of order ${orderId}, but its answer for the order beforehand had no status, so whether the order or only its pending reissue was canceled is not known: Order > Get shows its status now (canceled, or issued when a pending reissue was canceled)`,
					note,
				},
			];
		return [{ orderId, canceled: 'order', status: 'canceled', note }];
	},
};
