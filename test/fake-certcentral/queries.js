// @ts-check
'use strict';
/** The query helpers the list routes share: paging, filters, search, sort, status-change windows. */
const { DAY_MS, assumed, errorAnswer } = require('./common');

/** DigiCert's largest page (and its default limit). */
const MAX_LIMIT = 1000;

/**
 * offset and limit from the query: DigiCert's defaults (0, and 1000: ASSUMED, the maximum is cut
 * off in the copy of the page read), and a 400 for anything out of range (ASSUMED: not documented).
 */
function readPage(/** @type {Record<string,string>} */ q) {
	const offset = q.offset === undefined ? 0 : Number(q.offset);
	const limit = q.limit === undefined ? MAX_LIMIT : Number(q.limit);
	if (!Number.isInteger(offset) || offset < 0) {
		return {
			error: assumed(
				'bad offset: not documented',
				errorAnswer(400, 'invalid_offset', 'Offset must be a whole number from 0.'),
			),
		};
	}
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		return {
			error: assumed(
				'bad limit: not documented',
				errorAnswer(400, 'invalid_limit', `Limit must be between 1 and ${MAX_LIMIT}.`),
			),
		};
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
	return {
		status: 200,
		body: {
			...(slice.length > 0 ? { [key]: slice } : {}),
			page: { total: all.length, limit, offset },
		},
	};
}

/** A filter value may list several values, comma-separated. */
function oneOf(/** @type {string} */ filter, /** @type {string} */ value) {
	return String(filter)
		.split(',')
		.map((v) => v.trim())
		.includes(value);
}

/** DigiCert's search: `%text` (sent as %25text) means contains, otherwise exact; case-insensitive (ASSUMED). */
function matchesSearch(
	/** @type {string} */ filter,
	/** @type {Array<string|undefined>} */ values,
) {
	const contains = filter.startsWith('%');
	const needle = (contains ? filter.replace(/^%|%$/g, '') : filter).toLowerCase();
	return values.some(
		(v) =>
			v !== undefined && (contains ? v.toLowerCase().includes(needle) : v.toLowerCase() === needle),
	);
}

/**
 * A date filter in a documented form: a range `a...b` (both ends included; DigiCert's pages), or
 * `>d` (after d: what Keyfactor's CA plugin sends, not on DigiCert's pages). Days are YYYY-MM-DD; a
 * time part is ignored. Undefined for any other form (`>=d`, `<=d`, a bare day...): no source
 * says DigiCert takes them.
 * @returns {((value: string) => boolean) | undefined}
 */
function dateFilter(/** @type {string} */ filter) {
	const day = (/** @type {string} */ s) =>
		/^\d{4}-\d{2}-\d{2}(?:$|[T ])/.test(s.trim()) ? s.trim().slice(0, 10) : undefined;
	const range = /^(.*)\.\.\.(.*)$/.exec(filter);
	if (range) {
		const from = day(range[1]);
		const to = day(range[2]);
		if (!from || !to) return undefined;
		return (v) => v >= from && v <= to;
	}
	const after = /^>([^=].*)$/.exec(filter);
	const d = after ? day(after[1]) : undefined;
	return d ? (v) => v > d : undefined;
}

/** The answer for a date filter in no documented form: ASSUMED (DigiCert does not say what it answers). */
function badDateFilter(/** @type {string} */ key, /** @type {string} */ value) {
	return assumed(
		'date filter in an undocumented form',
		errorAnswer(400, 'invalid_filter', `The filter ${key} has an invalid date: ${value}.`),
	);
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
 * The window of a status-changes query, as `{from, to}` in ms, or a 400. Documented: `minutes` and
 * `seconds`, alone or together (the window is their sum), or `filters[status_last_updated]=a...b`
 * (DigiCert reads it in Mountain Time; the fake in UTC: ASSUMED); more than 7 days is
 * `time_frame_too_long`. "You must include at least one URL query string filter": the code DigiCert
 * answers without one, or with a bad value, is not documented (ASSUMED).
 * @param {Record<string,string>} q @param {number} now
 */
function statusChangeWindow(q, now) {
	const given = (/** @type {string} */ k) => q[k] !== undefined && q[k] !== '';
	const timeFrame = (/** @type {string} */ message) => ({
		error: assumed(
			'status-changes time frame: code not documented',
			errorAnswer(400, 'invalid_time_frame', message),
		),
	});
	let from;
	let to = now;
	if (given('filters[status_last_updated]')) {
		if (given('minutes') || given('seconds'))
			return timeFrame('Give minutes and seconds, or filters[status_last_updated], not both.');
		const range = /^(.*)\.\.\.(.*)$/.exec(q['filters[status_last_updated]']);
		from = range ? parseFilterTime(range[1], false) : NaN;
		to = range ? parseFilterTime(range[2], true) : NaN;
		if (Number.isNaN(from) || Number.isNaN(to) || from > to)
			return {
				error: badDateFilter('filters[status_last_updated]', q['filters[status_last_updated]']),
			};
	} else if (given('minutes') || given('seconds')) {
		const minutes = given('minutes') ? Number(q.minutes) : 0;
		const seconds = given('seconds') ? Number(q.seconds) : 0;
		if (
			!Number.isInteger(minutes) ||
			!Number.isInteger(seconds) ||
			minutes < 0 ||
			seconds < 0 ||
			minutes + seconds === 0
		) {
			return timeFrame('minutes and seconds must be whole numbers, not both 0.');
		}
		from = now - minutes * 60_000 - seconds * 1000;
	} else {
		return timeFrame('Give minutes, seconds or filters[status_last_updated].');
	}
	if (to - from > MAX_STATUS_CHANGE_WINDOW_MS) {
		return {
			error: errorAnswer(
				400,
				'time_frame_too_long',
				'The time frame cannot be longer than 7 days.',
			),
		};
	}
	return { from, to };
}

/** A fixed shuffle of IDs: a list order that is neither by ID nor by date (see `sortBy`). */
const scrambled = (/** @type {any} */ x) => Math.imul(Number(x.id) ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;

/**
 * `sort=prop[,prop]`, `-prop` descending. Only the properties in `allowed` are taken: the ones
 * DigiCert's pages or public clients use (the lists of sortable properties could not be read);
 * others get a 400 (ASSUMED: DigiCert does not say what it answers). Without a sort the list is by
 * ID, or in `order: 'scrambled'`, an order no client may rely on (DigiCert documents no default).
 * @param {any[]} list @param {string|undefined} sort @param {Record<string, (x: any) => any>} keys
 * @param {{ allowed: string[], order?: 'id' | 'scrambled' }} options
 */
function sortBy(list, sort, keys, { allowed, order = 'id' }) {
	const parts = (sort ?? '').split(',').filter(Boolean);
	/** @type {Array<{ key: (x: any) => any, sign: number }>} */
	const comparators = [];
	for (const part of parts) {
		const name = part.startsWith('-') ? part.slice(1) : part;
		if (!allowed.includes(name) || !keys[name]) {
			return {
				error: assumed(
					'undocumented sort key',
					errorAnswer(400, 'invalid_sort', `Cannot sort by ${part}.`),
				),
			};
		}
		comparators.push({ key: keys[name], sign: part.startsWith('-') ? -1 : 1 });
	}
	if (order === 'scrambled') comparators.push({ key: scrambled, sign: 1 });
	comparators.push({ key: (/** @type {any} */ x) => x.id, sign: 1 }); // a stable tie-break, so pages never overlap
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

module.exports = {
	MAX_LIMIT,
	readPage,
	listAnswer,
	oneOf,
	matchesSearch,
	dateFilter,
	badDateFilter,
	statusChangeWindow,
	sortBy,
	scrambled,
};
