// @ts-check
'use strict';
/** The fake's certificate requests: list, get, approve/reject (`PUT /request/{id}/status`). */
const { errorAnswer, notFound } = require('../common');
const { listAnswer, matchesSearch, oneOf, readPage, sortBy } = require('../queries');

const REQUEST_SORT_KEYS = {
	id: (/** @type {any} */ r) => r.id,
	date: (/** @type {any} */ r) => r.date,
	status: (/** @type {any} */ r) => r.status,
	type: (/** @type {any} */ r) => r.type,
};

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{
		method: 'GET',
		pattern: /^\/request$/,
		handle: (_m, req) => {
			const q = req.query;
			const page = readPage(q);
			if ('error' in page) return page.error;
			let list = [...data.requests.values()];
			if (q['filters[status]']) list = list.filter((r) => oneOf(q['filters[status]'], r.status));
			if (q['filters[type]']) list = list.filter((r) => oneOf(q['filters[type]'], r.type));
			if (q['filters[container_id]']) list = list.filter((r) => oneOf(q['filters[container_id]'], String(r.order?.container?.id)));
			if (q['filters[search]'])
				list = list.filter((r) => matchesSearch(q['filters[search]'], [String(r.id), String(r.order?.id), r.order?.certificate?.common_name]));
			const sorted = sortBy(list, q.sort, REQUEST_SORT_KEYS);
			if ('error' in sorted) return sorted.error;
			return listAnswer('requests', sorted.list, page, data.requestSummary);
		},
	},
	{
		method: 'GET',
		pattern: /^\/request\/(\d+)$/,
		handle: (m) => {
			const request = data.requests.get(Number(m[1]));
			return request ? { status: 200, body: request } : notFound('request');
		},
	},
	{
		method: 'PUT',
		pattern: /^\/request\/(\d+)\/status$/,
		handle: (m, req) => {
			const request = data.requests.get(Number(m[1]));
			if (!request) return notFound('request');
			const body = req.body;
			if (typeof body !== 'object' || body === null || Array.isArray(body)) {
				return errorAnswer(400, 'bad_request_format', 'The request body is not valid JSON.');
			}
			if (body.status !== 'approved' && body.status !== 'rejected') {
				return errorAnswer(400, 'invalid_status', 'Status must be one of: approved, rejected.');
			}
			if (body.processor_comment !== undefined && typeof body.processor_comment !== 'string') {
				return errorAnswer(400, 'invalid_processor_comment', 'processor_comment must be a string.');
			}
			if (request.status !== 'pending') {
				return errorAnswer(
					400,
					'invalid_request_status',
					`Request ${request.id} cannot be ${body.status}: its status is ${request.status}, and only pending requests can be approved or rejected.`,
				);
			}
			data.setRequestStatus(request.id, body.status, { comment: body.processor_comment });
			return { status: 204 };
		},
	},
];
