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

/**
 * Mountain Time's offset by name ("GMT-07:00", "GMT-06:00" with DST). The fake reads the zone's
 * offset, where the node formats the wall clock: two readings, so one does not simply echo the other.
 */
const MOUNTAIN_OFFSET = new Intl.DateTimeFormat('en-US', {
	timeZone: 'America/Denver',
	timeZoneName: 'longOffset',
});

/** How far Mountain Time's clock is from UTC's at instant `ms` (ms; -7 h or, with DST, -6 h). */
function mountainOffset(/** @type {number} */ ms) {
	const name =
		MOUNTAIN_OFFSET.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
	const m = /^GMT([+-])(\d\d):(\d\d)$/.exec(name);
	if (!m) throw new Error(`Unexpected Mountain Time offset: ${name}`);
	return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600_000 + Number(m[3]) * 60_000);
}

/** The day (`YYYY-MM-DD`) it is in Mountain Time at instant `ms`: how DigiCert writes DCV expiry days. */
function mountainDay(/** @type {number} */ ms) {
	return new Date(ms + mountainOffset(ms)).toISOString().slice(0, 10);
}

/**
 * A Mountain Time wall clock (`Date.UTC`-style fields, as ms) as an instant. A time in the hour
 * repeated when DST ends is read as its first occurrence, one skipped when it begins as an hour
 * later (ASSUMED: DigiCert does not say).
 */
function fromMountain(/** @type {number} */ wall) {
	for (const hours of [6, 7]) {
		const at = wall + hours * 3600_000;
		if (mountainOffset(at) === -hours * 3600_000) return at;
	}
	return wall + 7 * 3600_000;
}

/**
 * A time in a status_last_updated filter, in DigiCert's two formats: `yyyy-MM-dd` (that day's
 * start, or with `end` its last second) or `yyyy-MM-dd+HH:mm:ss` (the `+` a URL's space), both in
 * Mountain Time. Anything else (a `T`, a zone, an impossible date) is NaN.
 * @returns {{ at: number, wall: number }} the instant and the wall clock (as ms), or NaNs
 */
function parseFilterTime(/** @type {string} */ text, /** @type {boolean} */ end) {
	const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
	if (!m) return { at: NaN, wall: NaN };
	const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)));
	const dayOnly = h === undefined;
	const wall = Date.UTC(
		/** @type {number} */ (y),
		/** @type {number} */ (mo) - 1,
		d,
		dayOnly ? (end ? 23 : 0) : h,
		dayOnly ? (end ? 59 : 0) : mi,
		dayOnly ? (end ? 59 : 0) : s,
	);
	const back = new Date(wall);
	const valid =
		back.getUTCFullYear() === y &&
		back.getUTCMonth() + 1 === mo &&
		back.getUTCDate() === d &&
		(dayOnly ||
			(back.getUTCHours() === h && back.getUTCMinutes() === mi && back.getUTCSeconds() === s));
	return valid ? { at: fromMountain(wall), wall } : { at: NaN, wall: NaN };
}

/**
 * The window of a status-changes query, as `{from, to}` in ms (both included; `ranged` when it came
 * from `filters[status_last_updated]`), or a 400. Documented: `minutes` and `seconds`, alone or
 * together (the window is their sum), or `filters[status_last_updated]=a...b` in Mountain Time
 * (America/Denver: the page says "MDT"; that DigiCert follows DST is ASSUMED); a window of more than
 * 7 days is `time_frame_too_long` ("the total time frame cannot exceed seven days"; a range is
 * measured both in elapsed time and on the Mountain clock, the stricter reading: ASSUMED).
 * "You must include at least one URL query string filter": the code DigiCert answers without one,
 * or with a bad value, is not documented (ASSUMED).
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
	const tooLong = () => ({
		error: errorAnswer(400, 'time_frame_too_long', 'The time frame cannot be longer than 7 days.'),
	});
	if (given('filters[status_last_updated]')) {
		if (given('minutes') || given('seconds'))
			return timeFrame('Give minutes and seconds, or filters[status_last_updated], not both.');
		const range = /^(.*)\.\.\.(.*)$/.exec(q['filters[status_last_updated]']);
		const from = range ? parseFilterTime(range[1], false) : { at: NaN, wall: NaN };
		const to = range ? parseFilterTime(range[2], true) : { at: NaN, wall: NaN };
		if (Number.isNaN(from.at) || Number.isNaN(to.at) || from.at > to.at)
			return {
				error: badDateFilter('filters[status_last_updated]', q['filters[status_last_updated]']),
			};
		if (
			to.at - from.at > MAX_STATUS_CHANGE_WINDOW_MS ||
			to.wall - from.wall > MAX_STATUS_CHANGE_WINDOW_MS
		)
			return tooLong();
		// A range ends with its last second.
		return { from: from.at, to: to.at + 999, ranged: true };
	}
	if (!given('minutes') && !given('seconds'))
		return timeFrame('Give minutes, seconds or filters[status_last_updated].');
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
	const from = now - minutes * 60_000 - seconds * 1000;
	if (now - from > MAX_STATUS_CHANGE_WINDOW_MS) return tooLong();
	return { from, to: now, ranged: false };
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
	fromMountain,
	mountainDay,
	sortBy,
	scrambled,
};
