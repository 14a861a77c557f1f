import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	assertCsr,
	assertFutureDay,
	assertHostName,
	assertHostNames,
	assertOneOf,
	assertText,
} from '../../../common/certificateInput';
import {
	assertBoolean,
	assertPositiveId,
	assertWholeNumber,
	quoteValue,
} from '../../../common/inputChecks';
import {
	commentsOption,
	readSubmissionOptions,
	requestAnswer,
	SIGNATURE_HASHES,
	signatureHashOption,
	skipApprovalOption,
} from '../../shared/certificateRequestOperation';
import {
	commonNameProperty,
	containerIdProperty,
	csrProperty,
	dnsNamesProperty,
	optionsProperty,
	organizationIdProperty,
} from '../../shared/fields';
import type { DigiCertOperation } from '../../shared/operation';
import { assertDcvMethod, dcvAnswer, dcvMethodProperty } from '../../shared/dcv';
import { locatorId, orderIdProperty } from '../../shared/locators';
import {
	assertWithinOrder,
	certificateValidityOption,
	readCertificateValidity,
} from '../../shared/certificateValidity';
import { assertPlanAllowed, DV_PRODUCT_IDS, OV_EV_PRODUCT_IDS } from '../../shared/products';
import { beforeVersion1_2, changedDefault, fromVersion1_2 } from '../../shared/versions';
import { clock } from '../../../common/clock';
import { isObject } from '../../../common/types';

/**
 * The TLS products nodes saved before typeVersion 1.2 choose from (DigiCert's product name IDs, by
 * name) and their validation: DV needs no organization. New nodes pick from the account's products.
 */
export const TLS_PRODUCTS = [
	{ name: 'Basic EV', value: 'ssl_ev_basic', validation: 'ev' },
	{ name: 'Basic OV', value: 'ssl_basic', validation: 'ov' },
	{ name: 'EV Multi-Domain SSL', value: 'ssl_ev_multi_domain', validation: 'ev' },
	{ name: 'EV SSL', value: 'ssl_ev_plus', validation: 'ev' },
	{ name: 'GeoTrust Standard DV', value: 'ssl_dv_geotrust', validation: 'dv' },
	{ name: 'GeoTrust Wildcard DV', value: 'wildcard_dv_geotrust', validation: 'dv' },
	{ name: 'Multi-Domain SSL (OV)', value: 'ssl_multi_domain', validation: 'ov' },
	{ name: 'RapidSSL Standard DV', value: 'ssl_dv_rapidssl', validation: 'dv' },
	{ name: 'RapidSSL Wildcard DV', value: 'wildcard_dv_rapidssl', validation: 'dv' },
	{ name: 'Secure Site Pro OV', value: 'ssl_securesite_pro', validation: 'ov' },
	{ name: 'Standard SSL (OV)', value: 'ssl_plus', validation: 'ov' },
	{ name: 'Wildcard SSL (OV)', value: 'ssl_wildcard', validation: 'ov' },
] as const;
const PRODUCT_IDS = TLS_PRODUCTS.map((p) => p.value);
const PAYMENT_METHODS = ['balance', 'profile'] as const;
const PRODUCT_ID_PATTERN = /^\s*[a-z0-9_]{2,64}\s*$/;

/**
 * `balance` or `profile`. DigiCert's `card` needs the card's details in the order, which this node
 * does not send: a workflow saved with the old "Credit Card on File" choice is told what to pick.
 */
function readPaymentMethod(value: unknown): string {
	if (value === 'card')
		throw new Error(
			"Payment Method 'card' needs the card's details, which this node does not send: choose Payment Profile (the credit card saved in CertCentral by the API key's user) or Account Balance",
		);
	return assertOneOf(value ?? 'balance', PAYMENT_METHODS, 'Payment Method');
}

/** A product ID typed or picked (typeVersion 1.2 on): DigiCert's name ID, e.g. ssl_basic. */
function readProductId(value: unknown): string {
	if (typeof value === 'string' && PRODUCT_ID_PATTERN.test(value)) return value.trim();
	throw new Error(
		`Product must be DigiCert's product ID (lowercase letters, digits and _), e.g. ssl_basic, but it is ${quoteValue(value)}`,
	);
}

type Parameters = {
	product: string;
	body: IDataObject;
	/** Whether the product's info is read first to refuse a plan it does not allow (typeVersion 1.2 on). */
	checkProduct: boolean;
};

/** Create's Product from typeVersion 1.2: the account's products (GET /product), or an ID typed in. */
const productLocator: INodeProperties = {
	displayName: 'Product',
	name: 'product',
	type: 'resourceLocator',
	default: { mode: 'list', value: 'ssl_basic' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a product...',
			typeOptions: { searchListMethod: 'searchProducts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ssl_basic',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: PRODUCT_ID_PATTERN.source,
						errorMessage: "A product ID is DigiCert's name ID, e.g. ssl_basic",
					},
				},
			],
		},
	],
	description:
		"The certificate product to order: the account's TLS products, with the plan lengths each allows",
};

/** The year an order of `years` ends, from the day of `now` (the same day `years` later). */
function planEnd(years: number, now: number): string {
	const end = new Date(now);
	end.setUTCFullYear(end.getUTCFullYear() + years);
	return end.toISOString().slice(0, 10);
}

/**
 * Create's Renewal of Order option: the Order locator under its own name. A new option inside a
 * collection, so it has no older forms (saved nodes simply do not have it).
 */
const orderLocator: INodeProperties & { olderForms?: unknown } = {
	...orderIdProperty(
		'The order this one renews (same product): DigiCert marks it renewed, so expiry audits stop listing it',
	),
};
delete orderLocator.olderForms;
const renewalOfOrderOption: INodeProperties = {
	...orderLocator,
	displayName: 'Renewal of Order',
	name: 'renewalOfOrderId',
	required: false,
};

/** Create's DCV Method option: how DigiCert checks control of the order's domains. */
const dcvMethodOption = dcvMethodProperty(
	"How DigiCert checks control of the order's domains. A DNS or HTTP method returns the random value to publish (dcvRecords), so a next step can publish it. By default the account's.",
);

export const create: DigiCertOperation<Parameters> = {
	value: 'create',
	name: 'Create',
	action: 'Order TLS certificate (paid)',
	description:
		'Order and pay for a new OV, EV or DV TLS certificate from a CSR; it then waits for validation',
	properties: [
		// One Product per version; the fixed list last, the form a node without a version resolves to.
		fromVersion1_2(productLocator),
		beforeVersion1_2({
			displayName: 'Product',
			name: 'product',
			type: 'options',
			required: true,
			options: TLS_PRODUCTS.map(({ name, value, validation }) => ({
				name,
				value,
				description: `${validation.toUpperCase()} · ${value}`,
			})),
			default: 'ssl_basic',
			description: 'The certificate product to order (must be enabled in your CertCentral account)',
		}),
		csrProperty(
			'The certificate signing request made with the new private key (PEM, -----BEGIN CERTIFICATE REQUEST-----)',
		),
		commonNameProperty,
		dnsNamesProperty('. Can add costs.'),
		// On for new nodes (typeVersion 1.2); nodes saved before keep ordering the common name only.
		changedDefault(
			{
				displayName: "Use the CSR's Host Names",
				name: 'useCsrHostNames',
				type: 'boolean',
				default: true,
				description:
					"Whether to order the CSR's other host names (its subjectAltName) when Other Host Names is empty: DigiCert itself does not read them from the CSR. Can add costs.",
			},
			false,
		),
		beforeVersion1_2({
			...organizationIdProperty(
				'The organization (already validated in CertCentral) the OV or EV certificate names',
			),
			displayOptions: {
				show: { product: TLS_PRODUCTS.filter((p) => p.validation !== 'dv').map((p) => p.value) },
			},
		}),
		// A product from the account may be any validation: hidden for the DV products known, else optional.
		fromVersion1_2({
			...organizationIdProperty(
				'The organization (already validated in CertCentral) the OV or EV certificate names; OV and EV products need one, DV products none',
			),
			required: false,
			displayOptions: { hide: { product: [...DV_PRODUCT_IDS] } },
		}),
		{
			displayName: 'Validity',
			name: 'validity',
			type: 'options',
			options: [
				{
					name: 'Years',
					value: 'years',
					description:
						'Coverage of 1 year, or 2–3 where the product allows (each certificate lives at most 199 days)',
				},
				{ name: 'Until a Date', value: 'endDate', description: 'Coverage until a date you pick' },
			],
			default: 'years',
		},
		{
			displayName: 'Years',
			name: 'years',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3 },
			default: 1,
			displayOptions: { show: { validity: ['years'] } },
			description:
				"How many years the order covers: 1, or 2–3 where the account's product allows it (checked before ordering)",
		},
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			displayOptions: { show: { validity: ['endDate'] } },
			description: 'The last day the order covers; must be after today',
		},
		optionsProperty([
			certificateValidityOption,
			commentsOption,
			containerIdProperty(
				"The container (division) the order belongs to; by default the API key user's",
			),
			dcvMethodOption,
			{
				displayName: 'Payment Method',
				name: 'paymentMethod',
				type: 'options',
				options: [
					{ name: 'Account Balance', value: 'balance' },
					{
						name: "Payment Profile (Saved Card of the Key's User)",
						value: 'profile',
						description: 'The credit card saved in CertCentral by the user the API key belongs to',
					},
				],
				default: 'balance',
				description: 'How the order is paid, where the account needs one',
			},
			renewalOfOrderOption,
			{
				displayName: 'Server Platform ID',
				name: 'serverPlatformId',
				type: 'number',
				default: -1,
				description: "DigiCert's server platform ID (-1 = Other, 2 = Apache, 45 = nginx)",
			},
			signatureHashOption,
			skipApprovalOption,
		]),
	],
	readParameters: (read, node) => {
		const checkProduct = node.typeVersion >= 1.2;
		const product = checkProduct
			? readProductId(read('product'))
			: assertOneOf(read('product'), PRODUCT_IDS, 'Product');
		const validation = checkProduct
			? DV_PRODUCT_IDS.includes(product)
				? 'dv'
				: OV_EV_PRODUCT_IDS.includes(product)
					? 'ov'
					: 'unknown'
			: TLS_PRODUCTS.find((p) => p.value === product)!.validation;
		const csr = assertCsr(read('csr'), 'CSR');
		const commonNameText = assertText(read('commonName', ''), 'Common Name');
		const commonName =
			commonNameText !== ''
				? assertHostName(commonNameText, 'Common Name')
				: csr.commonName !== undefined
					? assertHostName(csr.commonName, "The CSR's common name")
					: undefined;
		if (commonName === undefined)
			throw new Error('Common Name is required: the CSR has no common name');
		const typed = assertHostNames(read('dnsNames', ''), 'Other Host Names (SANs)');
		// DigiCert does not read the CSR's SANs: without names of its own the order takes them (1.2 on).
		const dnsNames =
			typed.length === 0 &&
			assertBoolean(read('useCsrHostNames', false), "Use the CSR's Host Names")
				? assertHostNames(csr.subjectAltNames, "The CSR's other host names (SANs)")
				: typed;
		const options = read<IDataObject>('options', {}) ?? {};
		const certificate: IDataObject = { common_name: commonName, csr: csr.pem };
		if (dnsNames.length > 0) certificate.dns_names = dnsNames;
		certificate.signature_hash = assertOneOf(
			options.signatureHash ?? 'sha256',
			SIGNATURE_HASHES,
			'Signature Hash',
		);
		if (options.serverPlatformId !== undefined) {
			const id = assertWholeNumber(options.serverPlatformId, 'Server Platform ID', { min: -1 });
			certificate.server_platform = { id };
		}
		const validity = assertOneOf(
			read('validity', 'years'),
			['years', 'endDate'] as const,
			'Validity',
		);
		let orderValidity: IDataObject;
		const now = clock.now();
		let orderEnd: string;
		if (validity === 'years') {
			const years = assertWholeNumber(read('years', 1), 'Years', { min: 1, max: 3 });
			orderValidity = { years };
			orderEnd = planEnd(years, now);
		} else {
			orderEnd = assertFutureDay(read('endDate'), 'End Date', now);
			orderValidity = { custom_expiration_date: orderEnd };
		}
		const certValidity = readCertificateValidity(options.certificateValidity, now);
		if (certValidity !== undefined) {
			assertWithinOrder(certValidity, orderEnd, 'order', now);
			certificate.cert_validity = certValidity;
		}
		const body: IDataObject = {
			certificate,
			order_validity: orderValidity,
			payment_method: readPaymentMethod(options.paymentMethod),
			...readSubmissionOptions(options),
		};
		const renewalOf = locatorId(options.renewalOfOrderId, renewalOfOrderOption);
		if (renewalOf !== undefined && renewalOf !== '')
			body.renewal_of_order_id = assertPositiveId(renewalOf, 'Renewal of Order');
		if (options.dcvMethod !== undefined)
			body.dcv_method = assertDcvMethod(options.dcvMethod, [commonName, ...dnsNames]);
		const organizationId = validation === 'dv' ? '' : read('organizationId', '');
		// A product this node does not know takes an organization when one is given (DigiCert decides).
		if (validation !== 'dv' && (validation !== 'unknown' || (organizationId ?? '') !== ''))
			body.organization = { id: assertPositiveId(organizationId, 'Organization ID') };
		if (options.containerId !== undefined && options.containerId !== '')
			body.container = { id: assertPositiveId(options.containerId, 'Container ID') };
		return { product, body, checkProduct };
	},
	async prepare(parameters, send, run) {
		const { product, body } = parameters;
		if (!parameters.checkProduct) return parameters;
		// A division may have its own product settings: DigiCert answers for the container asked for.
		const containerId = (body.container as IDataObject | undefined)?.id;
		const qs = containerId === undefined ? undefined : { container_id: String(containerId) };
		// Read once per run for each product and division, however many items order it.
		const read = await run.once(`product ${product} container ${containerId ?? ''}`, () =>
			send({ method: 'GET', path: `/product/${product}`, qs, subject: `Product ${product}` }).then(
				(answer) => (isObject(answer.body) ? answer.body : undefined),
				// Unreadable info (a restricted key, a product unknown here) lets DigiCert decide.
				() => undefined,
			),
		);
		if (read !== undefined)
			assertPlanAllowed(product, read, parameters.body.order_validity as IDataObject);
		return parameters;
	},
	request: ({ product, body }) => ({
		method: 'POST',
		path: `/order/certificate/${product}`,
		body,
		subject: `Product ${product}`,
	}),
	toItems: (response, { body }) => [
		{
			...requestAnswer(response),
			...dcvAnswer((response.body ?? {}) as IDataObject, body.dcv_method as string | undefined),
		},
	],
};
