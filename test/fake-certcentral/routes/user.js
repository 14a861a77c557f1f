// @ts-check
'use strict';
/** The fake's `/user/me`: the API key's user (the credential test calls it). */

/** @param {import('./index').FakeData} data @returns {import('./index').Route[]} */
module.exports = (data) => [
	{ method: 'GET', pattern: /^\/user\/me$/, handle: () => ({ status: 200, body: data.user }) },
];
