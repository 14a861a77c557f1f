// @ts-check
'use strict';
/** What every part of the fake CertCentral shares: DigiCert's error bodies and its date forms. */

const DAY_MS = 86_400_000;
const clone = (/** @type {any} */ value) => JSON.parse(JSON.stringify(value));

/** `YYYY-MM-DD` (UTC) of a time. */
const isoDate = (/** @type {number} */ ms) => new Date(ms).toISOString().slice(0, 10);
/** DigiCert's timestamp form, e.g. 2018-10-16T20:05:28+00:00. */
const isoTime = (/** @type {number} */ ms) =>
	new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
/** Midnight UTC of the day `ms` falls in. */
const startOfDay = (/** @type {number} */ ms) => Math.floor(ms / DAY_MS) * DAY_MS;

/** Whole days from today (UTC) until `date` (YYYY-MM-DD): 0 for today, negative once past. */
function daysUntil(/** @type {string} */ date, /** @type {number} */ now) {
	return Math.round((Date.parse(`${date}T00:00:00Z`) - startOfDay(now)) / DAY_MS);
}

/** DigiCert's error answer: `{"errors":[{"code","message"}]}` with the HTTP status. */
function errorAnswer(
	/** @type {number} */ status,
	/** @type {string} */ code,
	/** @type {string} */ message,
) {
	return { status, body: { errors: [{ code, message }] } };
}

/** DigiCert's 404 for an unknown `what` (order, request, route, ...): `not_found|<what>`. */
function notFound(/** @type {string} */ what) {
	return errorAnswer(
		404,
		`not_found|${what}`,
		`${what[0].toUpperCase()}${what.slice(1)} not found.`,
	);
}

/**
 * An answer DigiCert does not document (its status, code or shape is our guess, see `why`). Every
 * such answer goes through here, so `grep -n assumed(` lists them, and it carries the header
 * `x-fake-assumed` so a test can tell it from a documented one. docs/api-coverage.md names them.
 * @template {{ status: number, headers?: Record<string, string> }} T
 * @param {string} why @param {T} answer @returns {T}
 */
function assumed(why, answer) {
	return { ...answer, headers: { ...answer.headers, 'x-fake-assumed': why } };
}

module.exports = {
	DAY_MS,
	clone,
	isoDate,
	isoTime,
	startOfDay,
	daysUntil,
	errorAnswer,
	notFound,
	assumed,
};
