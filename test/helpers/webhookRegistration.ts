/**
 * The calls publishing a DigiCert Webhook Trigger makes against a fake without a webhook: look,
 * create, have the challenge sent, check it, activate (5001: the fake's first webhook ID). Shared by
 * the unit and the real-n8n tests, which expect the same sequence. No imports: e2e loads it too.
 */
export const FIRST_REGISTRATION_CALLS: readonly string[] = [
	'GET /webhook',
	'POST /webhook',
	'PUT /webhook/5001/send-challenge',
	'PUT /webhook/5001/check-challenge',
	'PUT /webhook/5001/activate',
];
