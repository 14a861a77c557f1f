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
