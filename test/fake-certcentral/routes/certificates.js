// @ts-check
'use strict';
/** The fake's certificate downloads (`/certificate/download/order/{id}/format/{format}`). */
const { errorAnswer, notFound } = require('../common');
const { certificateFile, FORMATS } = require('../files');

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{
		method: 'GET',
		pattern: /^\/certificate\/download\/order\/(\d+)\/format\/([a-z0-9_]+)$/,
		handle: (m) => {
			const order = data.orders.get(Number(m[1]));
			if (!order) return notFound('order');
			if (!FORMATS.includes(m[2])) {
				return errorAnswer(400, 'invalid_format', `Invalid format: ${m[2]}. Supported formats: ${FORMATS.join(', ')}.`);
			}
			if (order.status !== 'issued') {
				return errorAnswer(
					400,
					'cert_unavailable_for_download',
					`The certificate for order ${order.id} is not available for download: the order is ${order.status}.`,
				);
			}
			const file = /** @type {NonNullable<ReturnType<typeof certificateFile>>} */ (certificateFile(order, m[2]));
			return {
				status: 200,
				headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` },
				raw: file.content,
			};
		},
	},
];
