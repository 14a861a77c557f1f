import type { INodeProperties } from 'n8n-workflow';

/** The events CertCentral can push (Create webhook's `events`), as the node offers them. */
export const WEBHOOK_EVENTS = [
	{
		name: 'Certificate Issued',
		value: 'certificate_issued',
		description: 'A certificate in the account was issued (with its chain when asked for)',
	},
	{
		name: 'Certificate Revoked',
		value: 'certificate_revoked',
		description: 'A certificate in the account was revoked',
	},
	{
		name: 'Domain Expired',
		value: 'domain_expired',
		description: "A domain's validation expires (timed by Notice Days)",
	},
	{
		name: 'Domain Revalidation Notice',
		value: 'domain_revalidation_notice',
		description: 'A domain needs revalidating (timed by Notice Days)',
	},
	{
		name: 'Domain Validated',
		value: 'domain_validated',
		description: 'A domain finished validation',
	},
	{ name: 'Order Rejected', value: 'order_rejected', description: 'An order was rejected' },
	{
		name: 'Organization Expired',
		value: 'organization_expired',
		description: "An organization's validation expires (timed by Notice Days)",
	},
	{
		name: 'Organization Revalidation Notice',
		value: 'organization_revalidation_notice',
		description: 'An organization needs revalidating (timed by Notice Days)',
	},
	{
		name: 'Organization Validated',
		value: 'organization_validated',
		description: 'An organization finished validation',
	},
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]['value'];
export const EVENT_NAMES: readonly string[] = WEBHOOK_EVENTS.map((e) => e.value);

/** Days around a validation's expiry that the timed events fire (DigiCert's `webhook_notification_frequency`). */
export const NOTICE_DAYS = [90, 60, 30, 7, 0, -7] as const;

export const webhookTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'CertCentral has one webhook per account: publishing this workflow points it here. To react to several events, use one DigiCert Webhook Trigger and a Switch on "event". "Listen for test event" asks DigiCert for a test event and leaves the account\'s webhook alone.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [...WEBHOOK_EVENTS],
		default: ['certificate_issued'],
		description: 'The CertCentral events that start the workflow; the webhook subscribes to these',
	},
	{
		displayName: "Replace the Account's Existing Webhook",
		name: 'replaceExisting',
		type: 'boolean',
		default: false,
		description:
			"Whether to point the account's webhook at this workflow when it points somewhere else (that endpoint then gets no more events). Off: publishing fails and names the other endpoint.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Certificate Chain',
				name: 'certificateChain',
				type: 'boolean',
				default: true,
				description:
					'Whether DigiCert sends the issued certificate and its chain (PEM) with Certificate Issued (public and private TLS certificates only)',
			},
			{
				displayName: 'Chain as Binary Files',
				name: 'chainAsBinary',
				type: 'boolean',
				default: false,
				description:
					'Whether to output the certificate and its chain as binary files (certificate, chain) ready for Write File or S3, instead of PEM text in the item',
			},
			{
				displayName: 'Include Instantly Issued Certificates',
				name: 'instantIssued',
				type: 'boolean',
				default: true,
				description:
					'Whether Certificate Issued also fires for certificates DigiCert issues at once when they are ordered',
			},
			{
				displayName: 'Include Order Details',
				name: 'includeOrderDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the order of each order event from DigiCert (one request per event, paced with every other request of the API key)',
			},
			{
				displayName: 'Notice Days',
				name: 'noticeDays',
				type: 'multiOptions',
				options: NOTICE_DAYS.map((days) => ({
					name:
						days > 0 ? `${days} Days Before` : days === 0 ? 'On the Day' : `${-days} Days After`,
					value: days,
				})),
				default: [...NOTICE_DAYS],
				description:
					'When the expired and revalidation notice events fire, around the validation expiry (one choice for all four events)',
			},
		],
	},
];
