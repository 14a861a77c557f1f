import { validationAuditOperation } from '../../shared/validationAuditOperation';
import { DOMAIN_AUDIT_QUERY, domainValidationDates } from '../../../shared/validations';

export const getExpiringValidations = validationAuditOperation({
	value: 'getExpiringValidations',
	name: 'Get Expiring Validations',
	action: 'Get domains whose validation expires soon',
	description:
		"List every active domain whose domain control validation (OV, and EV where DigiCert gives both) lapses within the given number of days (today included, already lapsed ones excluded), soonest first. Each item is the domain with validation_type (ov or ev), expires, days_remaining (0 = lapses today) and expiring_validations. Renew DCV before it lapses, or the next issuance or reissue for the domain waits for validation.",
	path: '/domain',
	qs: DOMAIN_AUDIT_QUERY,
	rootProperty: 'domains',
	datesOf: domainValidationDates,
	records: 'domains',
});
