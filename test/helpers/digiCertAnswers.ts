/**
 * DigiCert's answer when the key's user role (or its restriction) does not allow a call: HTTP 403
 * with `access_denied|missing_permission`, worded as DigiCert words it. For `fake.fail({ respond })`.
 * No imports: the real-n8n (e2e) cases load it too.
 */
export const MISSING_PERMISSION_403 = {
	status: 403,
	body: {
		errors: [
			{
				code: 'access_denied|missing_permission',
				message: 'The API key you are using does not have permission to carry out the request.',
			},
		],
	},
};
