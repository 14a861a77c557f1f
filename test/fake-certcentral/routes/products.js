// @ts-check
'use strict';
/**
 * The fake's products: the account's product list (GET /product) and product info
 * (GET /product/{name_id}) from `data.productCatalogue` (seeded in ../productCatalogue.js).
 * Pages: Product list https://dev.digicert.com/certcentral-apis/services-api/products/product-list.html,
 * Product info https://dev.digicert.com/en/certcentral-apis/services-api/products/product-info.html,
 * Errors https://dev.digicert.com/en/certcentral-apis/services-api/errors.html (`not_found|product`).
 */
const { errorAnswer } = require('../common');
const { INFO_ONLY } = require('../productCatalogue');

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{
		method: 'GET',
		pattern: /^\/product$/,
		handle: () => ({
			status: 200,
			body: {
				products: data.productCatalogue.map((/** @type {any} */ p) =>
					Object.fromEntries(
						Object.entries(p).filter(([key]) => !INFO_ONLY.includes(key) && key !== 'byContainer'),
					),
				),
			},
		}),
	},
	{
		method: 'GET',
		pattern: /^\/product\/([^/]+)$/,
		handle: (m, req) => {
			const info = data.productCatalogue.find((/** @type {any} */ p) => p.name_id === m[1]);
			if (!info) return errorAnswer(404, 'not_found|product', 'Product not found.');
			// "the current product settings based on the user … and the container identified in the
			// URL query": a test may give a container its own settings (`byContainer`).
			const { byContainer, ...settings } = /** @type {any} */ (info);
			const container = req.query.container_id;
			return { status: 200, body: { ...settings, ...(byContainer?.[container] ?? {}) } };
		},
	},
];
