// @ts-check
'use strict';
/** The query helpers the list routes share: paging, filters, search, sort, status-change windows. */
const { DAY_MS, errorAnswer } = require('./common');

/** DigiCert's largest page (and its default limit). */
const MAX_LIMIT = 1000;

/** offset and limit from the query: DigiCert's defaults (0, 1000), and a 400 for anything out of range. */
function readPage(/** @type {Record<string,string>} */ q) {
	const offset = q.offset === undefined ? 0 : Number(q.offset);
	const limit = q.limit === undefined ? MAX_LIMIT : Number(q.limit);
	if (!Number.isInteger(offset) || offset < 0) return { error: errorAnswer(400, 'invalid_offset', 'Offset must be a whole number from 0.') };
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		return { error: errorAnswer(400, 'invalid_limit', `Limit must be between 1 and ${MAX_LIMIT}.`) };
	}
	return { offset, limit };
}

/**
 * A list answer: the page's slice in its short form (`summary`, applied to the slice only, so a
 * page of a 10,000-order list costs the fake a page's work), and `page`; an empty page leaves the
 * array key out, as DigiCert does.
 */
function listAnswer(
	/** @type {string} */ key,
	/** @type {any[]} */ all,
	/** @type {{offset:number, limit:number}} */ { offset, limit },
	/** @type {(entry: any) => any} */ summary = (entry) => entry,
) {
	const slice = all.slice(offset, offset + limit).map(summary);
	return { status: 200, body: { ...(slice.length > 0 ? { [key]: slice } : {}), page: { total: all.length, limit, offset } } };
}

/** A filter value may list several values, comma-separated. */
function oneOf(/** @type {string} */ filter, /** @type {string} */ value) {
	return String(filter)
		.split(',')
		.map((v) => v.trim())
		.includes(value);
}

/** DigiCert's search: `%text` (sent as %25text) means contains, otherwise exact; case-insensitive. */
function matchesSearch(/** @type {string} */ filter, /** @type {Array<string|undefined>} */ values) {
	const contains = filter.startsWith('%');
	const needle = (contains ? filter.replace(/^%|%$/g, '') : filter).toLowerCase();
	return values.some((v) => v !== undefined && (contains ? v.toLowerCase().includes(needle) : v.toLowerCase() === needle));
}

/**
 * A date filter: `a...b` (inclusive range), `>d`, `>=d`, `<d`, `<=d`, or one day `d` (YYYY-MM-DD; a time part is ignored).
 * Returns undefined when it is not one of these.
 * @returns {((value: string) => boolean) | undefined}
 */
function dateFilter(/** @type {string} */ filter) {
	const day = (/** @type {string} */ s) => (/^\d{4}-\d{2}-\d{2}/.test(s.trim()) ? s.trim().slice(0, 10) : undefined);
	const range = /^(.*)\.\.\.(.*)$/.exec(filter);
	if (range) {
		const from = day(range[1]);
		const to = day(range[2]);
		if (!from || !to) return undefined;
		return (v) => v >= from && v <= to;
	}
	const compare = /^(>=|<=|>|<)(.*)$/.exec(filter);
	if (compare) {
		const d = day(compare[2]);
		if (!d) return undefined;
		const op = compare[1];
		return (v) => (op === '>' ? v > d : op === '>=' ? v >= d : op === '<' ? v < d : v <= d);
	}
	const d = day(filter);
	return d ? (v) => v === d : undefined;
}

/** The longest window status-changes allows: 7 days. */
const MAX_STATUS_CHANGE_WINDOW_MS = 7 * DAY_MS;

/** A timestamp in a status_last_updated filter (UTC when it has no zone); a date alone is that day's start, or end with `end`. */
function parseFilterTime(/** @type {string} */ text, /** @type {boolean} */ end) {
	const t = text.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return Date.parse(`${t}T00:00:00Z`) + (end ? DAY_MS - 1 : 0);
	const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2})?)(Z|[+-]\d{2}:?\d{2})?$/.exec(t);
	if (!m) return NaN;
	return Date.parse(`${m[1]}T${m[2].length === 5 ? m[2] + ':00' : m[2]}${m[4] ?? 'Z'}`);
}

/**
 * The window of a status-changes query, as `{from, to}` in ms, or a DigiCert-like 400.
 * @param {Record<string,string>} q @param {number} now
 */
function statusChangeWindow(q, now) {
	const given = ['minutes', 'seconds', 'filters[status_last_updated]'].filter((k) => q[k] !== undefined && q[k] !== '');
	if (given.length !== 1) {
		return { error: errorAnswer(400, 'invalid_time_frame', 'Give exactly one of minutes, seconds or filters[status_last_updated].') };
	}
	let from;
	let to = now;
	if (given[0] === 'filters[status_last_updated]') {
		const range = /^(.*)\.\.\.(.*)$/.exec(q[given[0]]);
		from = range ? parseFilterTime(range[1], false) : NaN;
		to = range ? parseFilterTime(range[2], true) : NaN;
		if (Number.isNaN(from) || Number.isNaN(to) || from > to) {
			return { error: errorAnswer(400, 'invalid_filter', `The filter filters[status_last_updated] has an invalid range: ${q[given[0]]}.`) };
		}
	} else {
		const amount = Number(q[given[0]]);
		const unitMs = given[0] === 'minutes' ? 60_000 : 1000;
		if (!Number.isInteger(amount) || amount < 1) {
			return { error: errorAnswer(400, 'invalid_time_frame', `${given[0]} must be a whole number from 1.`) };
		}
		from = now - amount * unitMs;
	}
	if (to - from > MAX_STATUS_CHANGE_WINDOW_MS) {
		return { error: errorAnswer(400, 'time_frame_too_long', 'The time frame cannot be longer than 7 days.') };
	}
	return { from, to };
}

/**
 * `sort=prop[,prop]`, `-prop` descending; the default is by id. Unknown properties are refused.
 * @param {any[]} list @param {string|undefined} sort @param {Record<string, (x: any) => any>} keys
 */
function sortBy(list, sort, keys) {
	const parts = (sort ?? 'id').split(',').filter(Boolean);
	const comparators = [];
	for (const part of parts) {
		const descending = part.startsWith('-');
		const key = keys[descending ? part.slice(1) : part];
		if (!key) return { error: errorAnswer(400, 'invalid_sort', `Cannot sort by ${part}.`) };
		comparators.push({ key, sign: descending ? -1 : 1 });
	}
	comparators.push({ key: keys.id, sign: 1 }); // a stable tie-break, so pages never overlap
	const sorted = [...list].sort((a, b) => {
		for (const { key, sign } of comparators) {
			const x = key(a);
			const y = key(b);
			if (x < y) return -sign;
			if (x > y) return sign;
		}
		return 0;
	});
	return { list: sorted };
}

module.exports = { MAX_LIMIT, readPage, listAnswer, oneOf, matchesSearch, dateFilter, statusChangeWindow, sortBy };
