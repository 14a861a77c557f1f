import { assertBoolean, assertPositiveId } from '../../../common/inputChecks';
import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';

type Parameters = { orderId: number; autoReissue: boolean };

/**
 * DigiCert's "Update auto-reissue settings": on a Multi-year Plan, DigiCert creates the reissue
 * request itself when the certificate is within 30 days of expiring (the order's `auto_reissue`).
 */
export const setAutoReissue: DigiCertOperation<Parameters> = {
	value: 'setAutoReissue',
	name: 'Set Auto-Reissue',
	action: 'Turn auto-reissue on or off for order',
	description:
		'On a multi-year plan, let DigiCert request the reissue itself 30 days before the certificate expires',
	properties: [
		orderIdProperty('The ID of the order (a multi-year plan)'),
		{
			displayName: 'Auto-Reissue',
			name: 'autoReissue',
			type: 'boolean',
			default: true,
			description:
				'Whether DigiCert creates a reissue request when the certificate is within 30 days of expiring (it still needs current DCV)',
		},
	],
	readParameters: (read) => ({
		orderId: assertPositiveId(read('orderId'), 'Order ID'),
		autoReissue: assertBoolean(read('autoReissue', true), 'Auto-Reissue'),
	}),
	request: ({ orderId, autoReissue }) => ({
		method: 'PUT',
		path: `/order/certificate/${orderId}/auto-reissue`,
		body: { auto_reissue: autoReissue ? 1 : 0 },
		subject: `Order ${orderId}`,
	}),
	toItems: (_response, { orderId, autoReissue }) => [
		{ orderId, auto_reissue: autoReissue ? 1 : 0 },
	],
};
