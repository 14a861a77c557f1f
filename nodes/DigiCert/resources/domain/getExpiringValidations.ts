import { validationAuditOperation } from '../../shared/validationAuditOperation';
import { DOMAIN_AUDIT_QUERY, domainValidationDates } from '../../../common/validationExpiry';

export const getExpiringValidations = validationAuditOperation({
	value: 'getExpiringValidations',
	name: 'Get Expiring Validations',
	action: 'Get domains whose validation expires soon',
	description: 'Active domains whose DCV (OV or EV) lapses within the given days, soonest first',
	path: '/domain',
	qs: DOMAIN_AUDIT_QUERY,
	datesOf: domainValidationDates,
	records: 'domains',
});
