import type { IDataObject } from 'n8n-workflow';

import type { UnreadableDate, ValidationAudit, ValidationDates } from './expiry';
import { readDay } from './expiry';
import { MIN_KEY_FRAGMENT } from './redaction';
import { isObject } from './types';

/**
 * The validations of domains and organizations, as DigiCert lists them, read for the audits (the
 * node's Get Expiring Validations and the trigger's validation events): which validation expires
 * when, the list queries, the output item, and what to say about a date that cannot be read.
 */

/** The validation types DigiCert gives a domain's DCV expiry for, in `dcv_expiration`. */
const DCV_TYPES = ['ov', 'ev'];

/**
 * The list the domain audits page through: active domains with their validations, and DigiCert's
 * reuse status (`filters[include_validation_reuse_status]`: `dcv_expiration` then carries
 * `ov_shortened`, the date that counts when DigiCert cut a reuse period short, as in 2026, 2027 and
 * 2029). With `utcTimes` (new nodes), `include_dcv_expiration_time`: the `dcv_expiration` dates come
 * as UTC times instead of Mountain-Time days. DigiCert returns either only when asked.
 */
export function domainAuditQuery(utcTimes: boolean): IDataObject {
	return {
		'filters[status]': 'active',
		include_validation: true,
		'filters[include_validation_reuse_status]': true,
		...(utcTimes ? { include_dcv_expiration_time: true } : {}),
	};
}
/** The lists the audits page through: active records only, with their validations. */
export const ORGANIZATION_AUDIT_QUERY: IDataObject = {
	'filters[status]': 'active',
	include_validation: true,
};

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The record's validations that are in force and carry an expiry (a pending one has none yet). */
function activeValidations(record: IDataObject): Array<{ type: string; value: unknown }> {
	const validations = Array.isArray(record.validations) ? record.validations : [];
	const dates: Array<{ type: string; value: unknown }> = [];
	for (const validation of validations) {
		if (!isObject(validation) || typeof validation.type !== 'string' || validation.type === '')
			continue;
		if (validation.status !== undefined && validation.status !== 'active') continue;
		if (given(validation.validated_until))
			dates.push({ type: validation.type, value: validation.validated_until });
	}
	return dates;
}

/** A timestamp with its zone (`…T07:00:00+00:00`, `…-06:00`, `…Z`). */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** A timestamp with another zone than UTC as UTC, so its day is the UTC day it falls on; anything else as it is. */
function inUtc(value: unknown): unknown {
	if (typeof value !== 'string' || !ZONED_TIME.test(value) || /(?:Z|[+-]00:?00)$/.test(value))
		return value;
	const at = Date.parse(value);
	return Number.isNaN(at) ? value : new Date(at).toISOString();
}

/**
 * When each validation of an active domain lapses: `dcv_expiration.ov` / `.ev` (the DCV reuse dates
 * DigiCert lists; the shortened one, `ov_shortened`, when DigiCert gives it as a date), else that
 * validation's `validated_until`; a time is read in UTC. An inactive domain has none.
 */
export const domainValidationDates: ValidationDates = (domain) => {
	if (domain.is_active === false) return [];
	const dates = new Map<string, unknown>();
	for (const { type, value } of activeValidations(domain)) dates.set(type, value);
	const dcvExpiration = isObject(domain.dcv_expiration) ? domain.dcv_expiration : {};
	for (const type of DCV_TYPES) {
		const shortened = dcvExpiration[`${type}_shortened`];
		if (readDay(shortened) !== undefined) dates.set(type, shortened);
		else if (given(dcvExpiration[type])) dates.set(type, dcvExpiration[type]);
	}
	return [...dates].map(([type, value]) => ({ type, value: inUtc(value) }));
};

/** When each validation (OV, EV, code signing …) of an active organization lapses: its `validated_until`. */
export const organizationValidationDates: ValidationDates = (organization) =>
	organization.status !== undefined && organization.status !== 'active'
		? []
		: activeValidations(organization);

/**
 * The node's item for an audited domain or organization: the record as DigiCert lists it, the
 * validation that lapses first (`validation_type`, `expires`, `days_remaining`), and every one that
 * lapses within the window (`expiring_validations`).
 */
export function validationAuditItem({ record, validations }: ValidationAudit): IDataObject {
	const [soonest] = validations;
	return {
		...record,
		validation_type: soonest.type,
		expires: soonest.expires,
		days_remaining: soonest.days_remaining,
		expiring_validations: validations.map((v) => ({ ...v })),
	};
}

/** How a record is named in messages: its name and ID. */
export function recordLabel(record: IDataObject): string {
	const name = [record.name, record.display_name].find((n) => typeof n === 'string' && n !== '');
	return `${name === undefined ? 'ID' : `${String(name)}, ID`} ${String(record.id)}`;
}

/** Enough of an unreadable date to find it, but only when it looks like a date: never arbitrary text. */
function shownDate(value: unknown): string {
	if (typeof value === 'string')
		return /^[\d\-:T+.Z /]{1,40}$/.test(value)
			? JSON.stringify(value)
			: `a text of ${value.length} characters`;
	if (typeof value === 'number' || typeof value === 'boolean')
		return `the ${typeof value} ${String(value)}`;
	return Array.isArray(value) ? 'a list' : 'an object';
}

/**
 * A validation code as people write it (OV, EV_CS). Anything longer than a code is shown as it came:
 * upper-casing it could rebuild an API key the transport redacted only in the case it was echoed in.
 */
const shownType = (type: string) => (type.length < MIN_KEY_FRAGMENT ? type.toUpperCase() : type);

const MAX_LISTED = 5;

/** What to tell the user when expiry dates could not be read (those validations were skipped), or undefined. */
export function unreadableDatesWarning(
	unreadable: UnreadableDate[],
	records: 'domains' | 'organizations',
): string | undefined {
	if (unreadable.length === 0) return undefined;
	const listed = unreadable
		.slice(0, MAX_LISTED)
		.map(
			({ record, type, value }) =>
				`${recordLabel(record)}: ${shownType(type)} expires ${shownDate(value)}`,
		);
	const more = unreadable.length > MAX_LISTED ? ` and ${unreadable.length - MAX_LISTED} more` : '';
	const count =
		unreadable.length === 1 ? 'One validation expiry' : `${unreadable.length} validation expiries`;
	return `${count} from DigiCert could not be read as a date and ${unreadable.length === 1 ? 'was' : 'were'} left out of the audit (${listed.join('; ')}${more}). Check these ${records} in CertCentral.`;
}
