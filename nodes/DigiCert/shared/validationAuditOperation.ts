import type { IDataObject } from 'n8n-workflow';

import { warnUser } from './hints';
import { clock } from '../../common/clock';
import type { DigiCertOperation, OperationIdentity } from './operation';
import { operationIdentity } from './operation';
import type { ValidationDates } from '../../common/expiry';
import { assertDays, expiryDaysProperty, findExpiringValidations } from '../../common/expiry';
import { unreadableDatesWarning, validationAuditItem } from '../../common/validationExpiry';

type Parameters = { days: number; now: number; qs: IDataObject };

/**
 * An audit of the validations of every active domain or organization: all pages of DigiCert's
 * list, the validations that lapse within Days (today included, already lapsed ones not), one item
 * per record, soonest first. A date DigiCert gives that is not a date skips that validation and
 * shows a warning; it does not fail the run.
 */
export function validationAuditOperation(
	declaration: OperationIdentity & {
		/** The list: `/domain` or `/organization`, and its query (for the node's typeVersion). */
		path: string;
		qs: IDataObject | ((typeVersion: number) => IDataObject);
		datesOf: ValidationDates;
		/** What the records are, plural: the array in DigiCert's answer, and the word for the Days field and the warning. */
		records: 'domains' | 'organizations';
		/** What to do about an item, added to it as `next_step` (e.g. revalidate a domain before it lapses). */
		nextStep?: (item: IDataObject) => string;
	},
): DigiCertOperation<Parameters> {
	const { path, qs, datesOf, records, nextStep } = declaration;
	return {
		...operationIdentity(declaration),
		properties: [
			expiryDaysProperty(
				`List ${records} with a validation that lapses within this many days from today (UTC)`,
			),
		],
		readParameters: (read, { typeVersion }) => ({
			days: assertDays(read('days')),
			now: clock.now(),
			qs: typeof qs === 'function' ? qs(typeVersion) : qs,
		}),
		request: (parameters) => ({
			method: 'GET',
			path,
			qs: parameters.qs,
			paginate: { rootProperty: records },
		}),
		toItems: ({ body }, { days, now }, context) => {
			const { found, unreadable } = findExpiringValidations(
				body as IDataObject[],
				days,
				now,
				datesOf,
			);
			const warning = unreadableDatesWarning(unreadable, records);
			if (warning !== undefined) warnUser(context, warning);
			const items = found.map(validationAuditItem);
			return nextStep ? items.map((item) => ({ ...item, next_step: nextStep(item) })) : items;
		},
	};
}
