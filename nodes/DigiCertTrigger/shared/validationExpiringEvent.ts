import type { IDataObject } from 'n8n-workflow';

import type {
	ExpiringValidation,
	UnreadableDate,
	ValidationAudit,
	ValidationDates,
} from '../../common/expiry';
import {
	assertDays,
	expiryDaysProperty,
	expiryWindow,
	findExpiringValidations,
} from '../../common/expiry';
import {
	recordLabel,
	unreadableDatesWarning,
	validationAuditItem,
} from '../../common/validationExpiry';
import type { DigiCertSource, DigiCertTriggerEvent } from '../events/types';
import type { ExpiringState, ExpiryKey } from './expiring';
import { droppedWarning, newlyWithin, readExpiringState } from './expiring';
import { isIdKey, MAX_REMEMBERED, recordId } from './state';

export interface ValidationExpiringParameters extends IDataObject {
	days: number;
	/** The list's query, for the node's typeVersion (typeVersion 1's when not given). */
	qs?: IDataObject;
}

/** One validation of a domain or organization that lapses within the threshold. */
export interface ValidationEntry {
	record: IDataObject;
	validation: ExpiringValidation;
}

/** A validation type as it can be remembered (`ov`, `ev`, `ev_cs` …): anything else is not reported rather than stored. */
const VALIDATION_TYPE = /^[a-z0-9_-]{1,40}$/i;

/** A remembered validation's key: `<record ID>:<validation type>`. */
const isValidationKey = (key: string): boolean => {
	const [id, type, ...rest] = key.split(':');
	return rest.length === 0 && type !== undefined && isIdKey(id) && VALIDATION_TYPE.test(type);
};

/** A validation is remembered by its record's ID and its type, with the day it lapses. */
const validationExpiry: ExpiryKey<ValidationEntry> = ({ record, validation }) => {
	const id = recordId(record);
	return id === undefined || !VALIDATION_TYPE.test(validation.type)
		? undefined
		: { key: `${id}:${validation.type}`, expires: validation.expires };
};

/** What to tell the user about validations left out because they cannot be remembered, or undefined. */
function unrememberedWarning(expiring: ValidationEntry[], records: string): string | undefined {
	const left = expiring.filter((entry) => validationExpiry(entry) === undefined);
	if (left.length === 0) return undefined;
	const named = [...new Set(left.map(({ record }) => recordLabel(record)))];
	const more = named.length > 5 ? ` and ${named.length - 5} more` : '';
	const count =
		left.length === 1
			? 'One validation within Days was'
			: `${left.length} validations within Days were`;
	return `${count} left out because DigiCert gave no usable ID or validation type (a code of letters, digits, _ or -) for them (${named.slice(0, 5).join('; ')}${more}). Check these ${records} in CertCentral.`;
}

/**
 * Each validation that lapses within `days` of `now` (today included, lapsed ones not), soonest
 * first (ties by record ID, then type), at most `max` (past that, the later ones wait until they
 * are among the soonest); and the dates that could not be read (skipped).
 */
export function expiringValidations(
	records: IDataObject[],
	days: number,
	now: number,
	datesOf: ValidationDates,
	max = MAX_REMEMBERED,
): { expiring: ValidationEntry[]; unreadable: UnreadableDate[]; dropped: number } {
	const { found, unreadable } = findExpiringValidations(records, days, now, datesOf);
	const expiring = found
		.flatMap(({ record, validations }) => validations.map((validation) => ({ record, validation })))
		.sort(
			(a, b) =>
				a.validation.days_remaining - b.validation.days_remaining ||
				Number(a.record.id) - Number(b.record.id) ||
				a.validation.type.localeCompare(b.validation.type),
		);
	return {
		expiring: expiring.slice(0, max),
		unreadable,
		dropped: Math.max(0, expiring.length - max),
	};
}

/** The validations to report, one audit per record (in the order of its first, so soonest first), as the node's Get Expiring Validations has them. */
function byRecord(entries: ValidationEntry[]): ValidationAudit[] {
	const audits = new Map<IDataObject, ExpiringValidation[]>();
	for (const { record, validation } of entries)
		audits.set(record, [...(audits.get(record) ?? []), validation]);
	return [...audits].map(([record, validations]) => ({ record, validations }));
}

/**
 * A trigger event for the validations of every active domain or organization: all pages of
 * DigiCert's list on each poll; each validation (OV, EV, …) reported once per threshold and expiry
 * day, when it comes within Days (a renewed validation, lapsing on another day, is reported again
 * when it comes close). One item per record, shaped like the node's Get Expiring Validations item,
 * with the validations that just came within Days. A date that is not a date skips that validation
 * with a warning in the log; it does not fail the poll.
 */
export function validationExpiringEvent(declaration: {
	value: string;
	name: string;
	description: string;
	/** The Days field's description. */
	daysDescription: string;
	/** The list: `/domain` or `/organization`, and its query (for the trigger's typeVersion). */
	path: string;
	qs: IDataObject | ((typeVersion: number) => IDataObject);
	datesOf: ValidationDates;
	/** What the records are, plural: the array in DigiCert's answer, and the word for the warning. */
	records: 'domains' | 'organizations';
	/** A representative record for a manual run on an account with nothing expiring, its validation lapsing on `expires`. */
	sample: (expires: string) => IDataObject;
}): DigiCertTriggerEvent<ValidationExpiringParameters, ExpiringState> {
	const { value, name, description, daysDescription, path, qs, datesOf, records, sample } =
		declaration;
	const queryFor = (typeVersion: number) => (typeof qs === 'function' ? qs(typeVersion) : qs);

	// The record's own fields come first: a field of DigiCert's named `event` must not rename the event.
	const item = (audit: ValidationAudit, days: number): IDataObject => ({
		...validationAuditItem(audit),
		event: value,
		threshold_days: days,
	});

	async function currentlyExpiring(
		source: DigiCertSource,
		{ days, qs: query }: ValidationExpiringParameters,
		now: number,
	) {
		const list = await source.list(path, query ?? queryFor(1), records);
		return expiringValidations(list, days, now, datesOf);
	}

	return {
		value,
		name,
		description,
		properties: [expiryDaysProperty(daysDescription)],
		readParameters: (read, node = { typeVersion: 1 }) => ({
			days: assertDays(read<unknown>('days', 30)),
			qs: queryFor(node.typeVersion),
		}),
		readState: (stored) => readExpiringState(stored, isValidationKey),
		async poll(source, parameters, previous, now) {
			const { days } = parameters;
			const { expiring, unreadable, dropped } = await currentlyExpiring(source, parameters, now);
			const { reports, state } = newlyWithin(previous, expiring, validationExpiry, days, now);
			// One unreadable date or unusable record must not hide the others (nor fail every poll): it is only left out.
			const warnings = [
				unreadableDatesWarning(unreadable, records),
				unrememberedWarning(expiring, records),
				dropped > 0 ? droppedWarning(dropped, expiring.length, days, 'validations') : undefined,
			].filter((w) => w !== undefined);
			const warning = warnings.length > 0 ? warnings.join(' ') : undefined;
			return {
				events: byRecord(reports).map((audit) => item(audit, days)),
				state,
				...(warning !== undefined ? { warning } : {}),
			};
		},
		async sample(source, parameters, now) {
			const { days } = parameters;
			const [soonest] = byRecord((await currentlyExpiring(source, parameters, now)).expiring);
			if (soonest) return [item(soonest, days)];
			const expires = expiryWindow(days, now).to;
			const validations = [{ type: 'ov', expires, days_remaining: days }];
			return [{ ...item({ record: sample(expires), validations }, days), sample: true }];
		},
	};
}
