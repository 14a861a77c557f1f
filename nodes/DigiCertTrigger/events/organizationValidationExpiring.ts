import {
	ORGANIZATION_AUDIT_QUERY,
	organizationValidationDates,
} from '../../common/validationExpiry';
import { validationExpiringEvent } from '../shared/validationExpiringEvent';
import { sampleOrganization } from './samples';

/** An organization's validation (OV, EV, code signing …) comes within Days of lapsing: OV/EV orders for it would wait for a new one. */
export const organizationValidationExpiring = validationExpiringEvent({
	value: 'organizationValidationExpiring',
	name: 'Organization Validation Expiring',
	description:
		"An organization's validation (OV, EV, code signing …) will lapse within the given days: once each",
	daysDescription:
		"Report an organization's validation (OV, EV, code signing …) once, when it comes within this many days of lapsing (today, UTC, included). Use one trigger per threshold (e.g. 30 and 7) to be told at each.",
	path: '/organization',
	qs: ORGANIZATION_AUDIT_QUERY,
	datesOf: organizationValidationDates,
	records: 'organizations',
	sample: sampleOrganization,
});
