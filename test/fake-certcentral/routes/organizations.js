// @ts-check
'use strict';
/** The fake's organizations: List organizations (state in ../domains.js). */
const { listAnswer, oneOf, readPage, sortBy } = require('../queries');

/**
 * An organization as DigiCert lists it: `validations` only with `include_validation=true` (default
 * false) and only when it has some ("Organizations with no validations do not return a validations array").
 * @param {any} organization @param {Record<string, string>} q
 */
function organizationSummary(organization, q) {
	const { validations, ...rest } = organization;
	return {
		...rest,
		...(q.include_validation === 'true' && validations.length > 0 ? { validations } : {}),
	};
}

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{
		method: 'GET',
		pattern: /^\/organization$/,
		handle: (_m, req) => {
			const q = req.query;
			const page = readPage(q);
			if ('error' in page) return page.error;
			let list = [...data.organizations.values()];
			const pending = (/** @type {any} */ o) =>
				o.validations.some((/** @type {any} */ v) => v.status === 'pending');
			for (const [key, test] of /** @type {Array<[string, (o: any, v: string) => boolean]>} */ ([
				['filters[status]', (o, v) => oneOf(v, o.status)],
				['filters[validation]', (o, v) => oneOf(v, pending(o) ? 'pending' : 'not_pending')],
				// An organization ID (exact), or a name containing the text.
				[
					'filters[search]',
					(o, v) => String(o.id) === v || o.name.toLowerCase().includes(v.toLowerCase()),
				],
			])) {
				if (q[key] !== undefined && q[key] !== '') list = list.filter((o) => test(o, q[key]));
			}
			// DigiCert's page names no sort keys for organizations that could be read: none is taken.
			const sorted = sortBy(list, q.sort, {}, { allowed: [], order: data.listOrder });
			if ('error' in sorted) return sorted.error;
			return listAnswer('organizations', sorted.list, page, (o) => organizationSummary(o, q));
		},
	},
];
