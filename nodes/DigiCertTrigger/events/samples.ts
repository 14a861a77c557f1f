import type { IDataObject } from 'n8n-workflow';

/**
 * Representative records, shaped like DigiCert's answers (values from DigiCert's documentation),
 * for a manual test run on an account with nothing matching yet. Items built from them carry
 * `sample: true`, so nobody mistakes them for real requests or orders.
 */

export const SAMPLE_REQUEST: IDataObject = {
	id: 198,
	date: '2018-10-16T20:05:28+00:00',
	type: 'new_request',
	status: 'pending',
	requester: { id: 14, first_name: 'John', last_name: 'Smith', email: 'john.smith@digicert.com' },
	order: {
		id: 12345678,
		certificate: { common_name: 'example.com' },
		organization: { id: 112233, name: 'Epigyne Unwieldiness llcasdf' },
		container: { id: 5, name: 'History Department' },
		product: { name_id: 'ssl_plus', name: 'Standard SSL', type: 'ssl_certificate' },
	},
};

export const SAMPLE_ORDER: IDataObject = {
	id: 12345678,
	certificate: {
		id: 345678,
		common_name: 'example.com',
		dns_names: ['example.com', 'www.example.com'],
		valid_till: '2019-03-28',
		days_remaining: 30,
		signature_hash: 'sha256',
	},
	status: 'issued',
	is_renewed: false,
	date_created: '2018-10-16T20:05:28+00:00',
	organization: { id: 112233, name: 'Epigyne Unwieldiness llcasdf' },
	container: { id: 5, name: 'History Department' },
	product: { name_id: 'ssl_plus', name: 'Standard SSL', type: 'ssl_certificate' },
	has_duplicates: false,
};

/** `validated_until` of a validation lapsing on `day`: midnight Mountain Time, as DigiCert writes it. */
const validatedUntil = (day: string) => `${day}T07:00:00+00:00`;

/** The OV validation as both Domain and Organization listings show it, lapsing on `expires`. */
function ovValidation(expires: string): IDataObject {
	return {
		type: 'ov',
		name: 'OV',
		description: 'Normal Organization Validation',
		date_created: '2018-10-16T20:05:28+00:00',
		validated_until: validatedUntil(expires),
		status: 'active',
	};
}

/** A domain as List domains shows it (with `include_validation=true`), its OV DCV lapsing on `expires`. */
export function sampleDomain(expires: string): IDataObject {
	return {
		id: 1234567,
		is_active: true,
		name: 'example.com',
		date_created: '2018-10-16T20:05:28+00:00',
		dcv_approval_datetime: '2018-10-16T20:05:28+00:00',
		organization: {
			id: 112233,
			status: 'active',
			name: 'Epigyne Unwieldiness llcasdf',
			display_name: 'Epigyne Unwieldiness llcasdf',
			is_active: '1',
		},
		validations: [ovValidation(expires)],
		dcv_method: 'dns-txt-token',
		dcv_expiration: { ov: expires },
		container: { id: 5, name: 'History Department' },
	};
}

/** An organization as List organizations shows it (with `include_validation=true`), its OV lapsing on `expires`. */
export function sampleOrganization(expires: string): IDataObject {
	return {
		id: 112233,
		status: 'active',
		name: 'Epigyne Unwieldiness llcasdf',
		display_name: 'Epigyne Unwieldiness llcasdf',
		is_active: true,
		address: '2801 N Thanksgiving Way',
		zip: '84043',
		city: 'Lehi',
		state: 'Utah',
		country: 'us',
		telephone: '801-701-9600',
		container: { id: 5, parent_id: 0, name: 'History Department', is_active: true },
		validations: [ovValidation(expires)],
	};
}
