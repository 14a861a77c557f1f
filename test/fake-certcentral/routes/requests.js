// @ts-check
'use strict';
/** The fake's certificate requests: list, get, approve/reject (`PUT /request/{id}/status`). */
const { assumed, errorAnswer } = require('../common');
const { listAnswer, matchesSearch, oneOf, readPage, sortBy } = require('../queries');

/** DigiCert's list of sortable request properties could not be read, and no public client sorts requests. */
const REQUEST_SORTS = { keys: {}, allowed: [] };

/** DigiCert's generic 404 (documented); which code it gives for an unknown request is not. */
const requestNotFound = () =>
	assumed(
		'unknown request: code not documented',
		errorAnswer(404, 'not_found', 'Request not found.'),
	);

/** Request statuses the update-request-status page allows. */
const SETTABLE_STATUSES = ['submitted', 'pending', 'approved', 'rejected'];

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
			if (q['filters[container_id]'])
				list = list.filter((r) =>
					oneOf(q['filters[container_id]'], String(r.order?.container?.id)),
				);
			// DigiCert: the search matches "the order.certificate.common_name property" only.
			if (q['filters[search]'])
				list = list.filter((r) =>
					matchesSearch(q['filters[search]'], [r.order?.certificate?.common_name]),
				);
			const sorted = sortBy(list, q.sort, REQUEST_SORTS.keys, {
				allowed: REQUEST_SORTS.allowed,
				order: data.listOrder,
			});
			if ('error' in sorted) return sorted.error;
			return listAnswer('requests', sorted.list, page, data.requestSummary);
		},
	},
	{
		method: 'GET',
		pattern: /^\/request\/(\d+)$/,
		handle: (m) => {
			const request = data.requests.get(Number(m[1]));
			return request ? { status: 200, body: request } : requestNotFound();
		},
	},
	{
		method: 'PUT',
		pattern: /^\/request\/(\d+)\/status$/,
		handle: (m, req) => {
			const request = data.requests.get(Number(m[1]));
			if (!request) return requestNotFound();
			const body = req.body;
			if (typeof body !== 'object' || body === null || Array.isArray(body)) {
				return errorAnswer(400, 'bad_request_format', 'The request body is not valid JSON.');
			}
			if (!SETTABLE_STATUSES.includes(body.status)) {
				return assumed(
					'bad status value: not documented',
					errorAnswer(
						400,
						'invalid_status',
						`Status must be one of: ${SETTABLE_STATUSES.join(', ')}.`,
					),
				);
			}
			if (body.processor_comment !== undefined && typeof body.processor_comment !== 'string') {
				return assumed(
					'bad processor_comment: not documented',
					errorAnswer(400, 'invalid_processor_comment', 'processor_comment must be a string.'),
				);
			}
			if (
				request.status !== 'pending' &&
				(body.status === 'approved' || body.status === 'rejected')
			) {
				return assumed(
					'deciding a request that is not pending: not documented',
					errorAnswer(
						400,
						'invalid_request_status',
						`Request ${request.id} cannot be ${body.status}: its status is ${request.status}, and only pending requests can be approved or rejected.`,
					),
				);
			}
			data.setRequestStatus(request.id, body.status, { comment: body.processor_comment });
			return { status: 204 };
		},
	},
];
