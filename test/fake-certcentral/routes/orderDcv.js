// @ts-check
'use strict';
/**
 * The fake's DCV calls on orders (state in ../orderDcv.js): Check DCV, Generate DCV token (the
 * order's random value) and Change DCV method, as DigiCert's DV SSL pages describe them.
 */
const { errorAnswer, notFound } = require('../common');

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => {
	const orderFor = (/** @type {string} */ id) => data.orders.get(Number(id));

	/**
	 * PUT /order/certificate/{id}/check-dcv, optional body `{dns_names_validations: [names]}`.
	 * DNS methods: 200 `{order_status, certificate_id?, dcv_status, dns_name_validations[]}` (a name
	 * not found yet has status `pending` [A]); http-token: 400 `file_random_value_not_found` when a
	 * file is missing (DigiCert's page).
	 */
	function checkDcv(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const only = req.body?.dns_names_validations;
		if (
			only !== undefined &&
			(!Array.isArray(only) || !only.every((/** @type {unknown} */ n) => typeof n === 'string'))
		)
			return errorAnswer(
				400,
				'bad_request_format',
				'dns_names_validations must be a list of names.',
			);
		const result = data.orderDcv.check(order, only);
		if ('error' in result) return result.error;
		if (result.method.startsWith('http-token') && !result.validated)
			return errorAnswer(
				400,
				'file_random_value_not_found',
				'Could not find the random value at the expected file location for one or more domains.',
			);
		return {
			status: 200,
			body: {
				order_status: order.status,
				...(order.status === 'issued' ? { certificate_id: order.certificate.id } : {}),
				dcv_status: result.validated ? 'valid' : 'pending',
				dns_name_validations: result.names,
			},
		};
	}

	/** PUT /order/certificate/{id}/dcv-random-value → 200 `{dcv_random_value, expiration_date}`. */
	function randomValue(/** @type {RegExpExecArray} */ m) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const result = data.orderDcv.randomValue(order);
		return 'error' in result ? result.error : { status: 200, body: result };
	}

	/** PUT /order/certificate/{id}/dcv-method `{dcv_method}` → 200 `{dcv_random_value}` (public clients read only that). */
	function changeMethod(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const result = data.orderDcv.changeMethod(order, req.body);
		return 'error' in result ? result.error : { status: 200, body: result };
	}

	/**
	 * PUT /order/certificate/{id}/auto-reissue `{auto_reissue: 1 | 0}` (required integer, DigiCert's
	 * page). "Not supported if the product does not support Multi-year Plans": the fake refuses orders
	 * of a one-year plan [A: code, status and that a 1-year order counts as no plan]. Answer 204 [A].
	 */
	function autoReissue(/** @type {RegExpExecArray} */ m, /** @type {any} */ req) {
		const order = orderFor(m[1]);
		if (!order) return notFound('order');
		const value = req.body?.auto_reissue;
		if (value !== 0 && value !== 1)
			return errorAnswer(400, 'invalid_auto_reissue', 'auto_reissue must be 1 or 0.');
		if (!(order.validity_years > 1))
			return errorAnswer(
				400,
				'auto_reissue_not_supported',
				`Order ${order.id} is not a Multi-year Plan: auto-reissue is not supported.`,
			);
		order.auto_reissue = value;
		return { status: 204 };
	}

	return [
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/auto-reissue$/, handle: autoReissue },
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/check-dcv$/, handle: checkDcv },
		{
			method: 'PUT',
			pattern: /^\/order\/certificate\/(\d+)\/dcv-random-value$/,
			handle: randomValue,
		},
		{ method: 'PUT', pattern: /^\/order\/certificate\/(\d+)\/dcv-method$/, handle: changeMethod },
	];
};
