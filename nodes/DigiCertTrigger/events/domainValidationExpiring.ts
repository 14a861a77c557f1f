import { domainAuditQuery, domainValidationDates } from '../../common/validationExpiry';
import { validationExpiringEvent } from '../shared/validationExpiringEvent';
import { sampleDomain } from './samples';

/** A domain's DCV (OV or EV) comes within Days of lapsing: the next certificate for it would wait for a new DCV. */
export const domainValidationExpiring = validationExpiringEvent({
	value: 'domainValidationExpiring',
	name: 'Domain Validation Expiring',
	description:
		"A domain's DCV (OV or EV) will lapse within the given days: once per validation and threshold",
	daysDescription:
		"Report a domain's DCV (OV or EV) once, when it comes within this many days of lapsing (today, UTC, included). Use one trigger per threshold (e.g. 30 and 7) to be told at each.",
	path: '/domain',
	// DCV expiry as UTC times from trigger typeVersion 1.1: saved triggers keep the days their items had.
	qs: (typeVersion) => domainAuditQuery(typeVersion >= 1.1),
	datesOf: domainValidationDates,
	records: 'domains',
	sample: sampleDomain,
});
