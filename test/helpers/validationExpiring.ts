import type { IDataObject } from 'n8n-workflow';

/**
 * What a Validation Expiring poll reported, compactly: per item its ID and each expiring
 * validation as `type:days_remaining`, e.g. `[12, 'ov:5 ev:30']`.
 */
export function reportedValidations(events: IDataObject[]): Array<[unknown, string]> {
	return events.map((item) => [
		item.id,
		(item.expiring_validations as IDataObject[])
			.map((v) => `${v.type}:${v.days_remaining}`)
			.join(' '),
	]);
}
