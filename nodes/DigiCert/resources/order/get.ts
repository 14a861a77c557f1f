import type { IDataObject } from 'n8n-workflow';

import { orderIdProperty } from '../../shared/locators';
import type { DigiCertOperation } from '../../shared/operation';
import { simplifyOrder } from '../../shared/output';
import type { OrderIdentifier } from '../../../common/inputChecks';
import { assertOrderIdentifier } from '../../../common/inputChecks';

type Parameters = { order: OrderIdentifier };

/** What a 404 was about, in the words the user gave. */
const SUBJECTS: Record<OrderIdentifier['kind'], (value: string) => string> = {
	id: (value) => `Order ${value}`,
	thumbprint: (value) => `The order whose certificate has the thumbprint ${value}`,
	serial: (value) => `The order whose certificate has the serial number ${value}`,
};

export const get: DigiCertOperation<Parameters> = {
	value: 'get',
	name: 'Get',
	action: 'Get certificate order by ID',
	description:
		"One order by ID (or its certificate's thumbprint or serial): status, certificate, division",
	output: { simplify: simplifyOrder, noun: 'order' },
	properties: [
		orderIdProperty(
			"The order's ID, or the thumbprint (40 hex digits) or serial number (hex) of its current certificate; DigiCert finds no order by a duplicate's thumbprint or serial",
			{
				// An ID (digits), a thumbprint or a serial number (hex, colons or spaces between bytes allowed).
				regex:
					'^\\s*(?:[1-9]\\d{0,17}|[0-9A-Fa-f]{2}(?:[:\\s]?[0-9A-Fa-f]{2}){0,31}|[0-9A-Fa-f]{1,64})\\s*$',
				errorMessage:
					'An order ID (a whole number), or the thumbprint or serial number (hex) of its certificate',
				placeholder: 'e.g. 12345678, or a thumbprint or serial number',
			},
		),
	],
	readParameters: (read) => ({ order: assertOrderIdentifier(read('orderId'), 'Order ID') }),
	request: ({ order }) => ({
		method: 'GET',
		path: `/order/certificate/${order.value}`,
		subject: SUBJECTS[order.kind](order.value),
	}),
	toItems: ({ body }) => [body as IDataObject],
};
