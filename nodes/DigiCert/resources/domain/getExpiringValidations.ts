import type { IDataObject } from 'n8n-workflow';

import { validationAuditOperation } from '../../shared/validationAuditOperation';
import { domainAuditQuery, domainValidationDates } from '../../../common/validationExpiry';

export const getExpiringValidations = validationAuditOperation({
	value: 'getExpiringValidations',
	name: 'Get Expiring Validations',
	action: 'Get domains whose validation expires soon',
	description: 'Active domains whose DCV (OV or EV) lapses within the given days, soonest first',
	path: '/domain',
	// DCV expiry as UTC times from typeVersion 1.2: saved nodes keep the days their items had.
	qs: (typeVersion) => domainAuditQuery(typeVersion >= 1.2),
	datesOf: domainValidationDates,
	records: 'domains',
	nextStep: revalidationHint,
});

/**
 * What to do before a domain's DCV lapses: with it lapsed, the next order or reissue waits for DCV.
 * An email-validated domain needs a person; a token method can be automated.
 */
export function revalidationHint(item: IDataObject): string {
	const types = Array.isArray(item.expiring_validations)
		? item.expiring_validations.map((v) => String((v as IDataObject).type).toUpperCase())
		: [];
	const revalidate = `Revalidate before ${String(item.expires)}: Domain > Submit for Validation (${[...new Set(types)].sort().reverse().join(', ')}) outputs the DCV token to publish, then Domain > Check DCV`;
	return item.dcv_method === 'email'
		? `${revalidate}. Its DCV method is email, which needs a person: Domain > Change DCV Method to DNS TXT lets a workflow do it.`
		: `${revalidate}.`;
}
