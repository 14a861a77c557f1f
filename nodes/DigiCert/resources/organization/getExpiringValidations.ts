import { validationAuditOperation } from '../../shared/validationAuditOperation';
import {
	ORGANIZATION_AUDIT_QUERY,
	organizationValidationDates,
} from '../../../common/validationExpiry';

export const getExpiringValidations = validationAuditOperation({
	value: 'getExpiringValidations',
	name: 'Get Expiring Validations',
	action: 'Get organizations whose validation expires soon',
	description:
		'Active organizations with a validation lapsing within the given days, soonest first',
	path: '/organization',
	qs: ORGANIZATION_AUDIT_QUERY,
	datesOf: organizationValidationDates,
	records: 'organizations',
});
