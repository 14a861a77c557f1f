import { validationAuditOperation } from '../../shared/validationAuditOperation';
import { ORGANIZATION_AUDIT_QUERY, organizationValidationDates } from '../../../shared/validations';

export const getExpiringValidations = validationAuditOperation({
	value: 'getExpiringValidations',
	name: 'Get Expiring Validations',
	action: 'Get organizations whose validation expires soon',
	description:
		'List every active organization with a validation (OV, EV, code signing …) that lapses within the given number of days (today included, already lapsed ones excluded), soonest first. Each item is the organization with validation_type, expires, days_remaining (0 = lapses today) and expiring_validations. An OV or EV certificate for an organization whose validation lapsed waits for revalidation.',
	path: '/organization',
	qs: ORGANIZATION_AUDIT_QUERY,
	rootProperty: 'organizations',
	datesOf: organizationValidationDates,
	records: 'organizations',
});
