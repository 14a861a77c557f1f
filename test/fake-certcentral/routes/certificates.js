// @ts-check
'use strict';
/**
 * The fake's certificate downloads, in DigiCert's formats (glossary, "Certificate formats"):
 * - by order, `GET /certificate/download/order/{order_id}/format/{format_type}`: the order's active
 *   certificate only (https://dev.digicert.com/es/services-api/certificates/download-certificate-format-order-id/);
 * - by certificate ID, `GET /certificate/{certificate_id}/download/format/{format_type}`: any
 *   certificate, e.g. a duplicate or a reissue (the page itself was not readable; the path is the one
 *   Keyfactor's CA plugin, Lemur and riboseinc/digicert use).
 */
const { assumed, errorAnswer, notFound } = require('../common');
const { certificateFile, FORMATS } = require('../files');

/** The answer for a format DigiCert's glossary does not list: ASSUMED (no page says). */
const unknownFormat = (/** @type {string} */ format) =>
	assumed(
		'unknown format: not documented',
		errorAnswer(404, 'not_found', `Unknown certificate format: ${format}.`),
	);

/** The answer for a certificate that is not issued: ASSUMED (no page says). */
const notIssued = (/** @type {string} */ what, /** @type {string} */ reason) =>
	assumed(
		'certificate not issued: not documented',
		errorAnswer(
			400,
			'cert_unavailable_for_download',
			`The ${what} is not available for download: ${reason}.`,
		),
	);

/** The file as DigiCert sends it: its Content-Type and a Content-Disposition name (the name is ASSUMED). */
function fileAnswer(/** @type {any} */ certificate, /** @type {string} */ format) {
	const file = /** @type {NonNullable<ReturnType<typeof certificateFile>>} */ (
		certificateFile(certificate, format)
	);
	return {
		status: 200,
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
		},
		raw: file.content,
	};
}

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{
		method: 'GET',
		pattern: /^\/certificate\/download\/order\/(\d+)\/format\/([a-z0-9_]+)$/,
		handle: (m) => {
			const order = data.orders.get(Number(m[1]));
			if (!order) return notFound('order');
			if (!FORMATS.includes(m[2])) return unknownFormat(m[2]);
			if (order.status !== 'issued')
				return notIssued(`certificate for order ${order.id}`, `the order is ${order.status}`);
			return fileAnswer(order.certificate, m[2]);
		},
	},
	{
		method: 'GET',
		pattern: /^\/certificate\/(\d+)\/download\/format\/([a-z0-9_]+)$/,
		handle: (m) => {
			const found = data.certificateById(Number(m[1]));
			// DigiCert's generic 404 (documented); which code it uses for an unknown certificate is not.
			if (!found)
				return assumed(
					'unknown certificate ID: code not documented',
					errorAnswer(404, 'not_found', 'Certificate not found.'),
				);
			if (!FORMATS.includes(m[2])) return unknownFormat(m[2]);
			if (!found.issued)
				return notIssued(
					`certificate ${found.certificate.id}`,
					`its status is ${found.certificate.status}`,
				);
			return fileAnswer(found.certificate, m[2]);
		},
	},
	// Revoke certificate: handled with the other calls that change an order (../lifecycle.js).
	{
		method: 'PUT',
		pattern: /^\/certificate\/([0-9A-Fa-f]+)\/revoke$/,
		handle: data.lifecycle.revokeCertificate,
	},
];
