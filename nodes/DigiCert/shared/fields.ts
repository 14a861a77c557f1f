import type { INodeProperties } from 'n8n-workflow';

import { isObject } from '../../shared/types';
import { quoteValue } from '../../shared/validation';

/**
 * Fields several operations share, so each is described the same way everywhere, and the node's
 * versions: typeVersion 1 (saved workflows, plain ID fields) and 1.1 (resource locators, n8n's
 * names and defaults). An operation declares the current form of a field; what typeVersion 1 showed
 * instead is kept here, and the description builder gives each version its own.
 */

/** The node's versions, newest last; new nodes get the newest. */
export const NODE_VERSIONS = [1, 1.1];
export const LATEST_VERSION = 1.1;

/** displayOptions that show a property only to typeVersion 1 nodes (saved before 1.1). */
export const ONLY_VERSION_1 = { '@version': [1] };
/** displayOptions that show a property only from typeVersion 1.1 on. */
export const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

/** A property shown only to typeVersion 1 nodes. */
export function onlyInVersion1(property: INodeProperties): INodeProperties {
	return withShow(property, ONLY_VERSION_1);
}

/** A property shown only from typeVersion 1.1 on. */
export function fromVersion1_1(property: INodeProperties): INodeProperties {
	return withShow(property, FROM_VERSION_1_1);
}

function withShow(property: INodeProperties, show: Record<string, unknown>): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show } as never,
		},
	};
}

/**
 * The property that typeVersion 1 showed instead of a current one (e.g. the plain Order ID text
 * field instead of the Order locator), for the description builder: it shows the old one to
 * typeVersion 1 and the current one from 1.1 on, so saved workflows keep their parameters' shape.
 */
const VERSION_1_FORMS = new WeakMap<INodeProperties, INodeProperties>();

export function version1FormOf(property: INodeProperties): INodeProperties | undefined {
	const registered = VERSION_1_FORMS.get(property);
	if (registered !== undefined) return registered;
	// An ID locator spread into a new object (`{...orderIdProperty(d), displayOptions}`) is no longer
	// the registered one: its typeVersion 1 form is still the plain field of its kind.
	const kind = LOCATOR_KINDS.find((k) => k.name === property.name);
	if (property.type !== 'resourceLocator' || kind === undefined) return undefined;
	return {
		...plainIdField(kind, property.description ?? ''),
		...(property.displayOptions ? { displayOptions: property.displayOptions } : {}),
	};
}

/** Declares `current` (typeVersion 1.1 on) as replacing `version1` (typeVersion 1); returns `current`. */
export function replacesVersion1(
	current: INodeProperties,
	version1: INodeProperties,
): INodeProperties {
	VERSION_1_FORMS.set(current, version1);
	return current;
}

/** CertCentral's web hosts, by the credential's region: the pages a user copies URLs from. */
export const CERTCENTRAL_HOSTS = { us: 'www.digicert.com', eu: 'certcentral.digicert.eu' } as const;

/** What kind of DigiCert object an ID names, and how its locator finds one. */
export interface LocatorKind {
	/** "Order ID" */
	displayName: string;
	/** The parameter's name, e.g. `orderId` (the same in both versions). */
	name: string;
	/** "order", for messages. */
	noun: string;
	/** The list search (`methods.listSearch`) that offers them. */
	searchMethod: string;
	/** The placeholder of the ID mode and of typeVersion 1's field. */
	exampleId: string;
	/** The CertCentral page path segment (`/secure/<segment>/…`), when each has a page. */
	pageSegment?: string;
}

export const ORDER: LocatorKind = {
	displayName: 'Order ID',
	name: 'orderId',
	noun: 'order',
	searchMethod: 'searchOrders',
	exampleId: '12345678',
	pageSegment: 'orders',
};
export const REQUEST: LocatorKind = {
	displayName: 'Request ID',
	name: 'requestId',
	noun: 'request',
	searchMethod: 'searchRequests',
	exampleId: '198',
	pageSegment: 'requests',
};
/** Certificates have no page of their own in CertCentral (they are shown on their order's page): no URL mode. */
export const CERTIFICATE: LocatorKind = {
	displayName: 'Certificate ID',
	name: 'certificateId',
	noun: 'certificate',
	searchMethod: 'searchCertificates',
	exampleId: '345678',
};
export const DOMAIN: LocatorKind = {
	displayName: 'Domain ID',
	name: 'domainId',
	noun: 'domain',
	searchMethod: 'searchDomains',
	exampleId: '1234567',
	pageSegment: 'domains',
};

const LOCATOR_KINDS = [ORDER, REQUEST, CERTIFICATE, DOMAIN];

/**
 * The URLs of an item's CertCentral page (US or EU host): `/secure/orders/12345678`,
 * `/secure/orders/#12345678`, `/secure/requests/?status=pending#198`, … The ID is group 1.
 * [Assumption] the shapes come from links public tools build (`/secure/orders/#<id>`,
 * `/secure/requests/?status=pending#<id>`); DigiCert does not document its page URLs.
 */
export function pageUrlPattern(segment: string): string {
	const hosts = Object.values(CERTCENTRAL_HOSTS)
		.map((host) => host.replace(/\./g, '\\.'))
		.join('|');
	return `^https://(?:${hosts})/secure/${segment}(?:/|/?\\?[^#\\s]*#/?|/?#/?)(\\d{1,18})(?:[/?#]\\S*)?$`;
}

/** The link to an item's CertCentral page, for list results. */
export function pageUrl(host: string, segment: string, id: number | string): string {
	return `https://${host}/secure/${segment}/#${id}`;
}

function urlExample(kind: LocatorKind, host: string): string {
	return pageUrl(host, kind.pageSegment ?? '', kind.exampleId);
}

/** What the URL mode says when a value is not a page URL of this kind. */
export function urlFormatMessage(kind: LocatorKind): string {
	return `Not a CertCentral ${kind.noun} URL: use the address of the ${kind.noun}'s page, e.g. ${urlExample(kind, CERTCENTRAL_HOSTS.us)} (US) or ${urlExample(kind, CERTCENTRAL_HOSTS.eu)} (EU)`;
}

const ID_PATTERN = '^\\s*[1-9]\\d{0,17}\\s*$';

/** What the By ID mode accepts, when it is more than a whole number (Get Order also takes a thumbprint or serial). */
export interface IdModeValidation {
	regex: string;
	errorMessage: string;
	placeholder: string;
}

/** The resource locator of one kind of ID: From List, By URL (when it has a page), By ID. */
function locatorProperty(
	kind: LocatorKind,
	description: string,
	idMode?: IdModeValidation,
): INodeProperties {
	const urlRegex = pageUrlPattern(kind.pageSegment ?? '');
	const current: INodeProperties = {
		displayName: kind.displayName.replace(/ ID$/, ''),
		name: kind.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${/^[aeiou]/.test(kind.noun) ? 'an' : 'a'} ${kind.noun}...`,
				typeOptions: { searchListMethod: kind.searchMethod, searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: kind.pageSegment ? `e.g. ${urlExample(kind, CERTCENTRAL_HOSTS.us)}` : '',
				extractValue: { type: 'regex', regex: urlRegex },
				validation: [
					{ type: 'regex', properties: { regex: urlRegex, errorMessage: urlFormatMessage(kind) } },
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: idMode?.placeholder ?? `e.g. ${kind.exampleId}`,
				validation: [
					{
						type: 'regex',
						properties: idMode ?? {
							regex: ID_PATTERN,
							errorMessage: `${kind.displayName} is a whole number, e.g. ${kind.exampleId}`,
						},
					},
				],
			},
		],
		description,
	};
	// Without a page of its own, an item has no URL to paste.
	if (kind.pageSegment === undefined)
		current.modes = current.modes!.filter((mode) => mode.name !== 'url');
	return replacesVersion1(current, plainIdField(kind, description));
}

/** typeVersion 1's ID field: plain text. */
function plainIdField(kind: LocatorKind, description: string): INodeProperties {
	return {
		displayName: kind.displayName,
		name: kind.name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${kind.exampleId}`,
		description,
	};
}

export function orderIdProperty(description: string, idMode?: IdModeValidation): INodeProperties {
	return locatorProperty(ORDER, description, idMode);
}

export function requestIdProperty(description: string): INodeProperties {
	return locatorProperty(REQUEST, description);
}

export function certificateIdProperty(description: string): INodeProperties {
	return locatorProperty(CERTIFICATE, description);
}

export function domainIdProperty(description: string): INodeProperties {
	return locatorProperty(DOMAIN, description);
}

/** A resource locator's value as n8n stores it: `{__rl: true, mode, value}`. */
export function isLocatorValue(
	value: unknown,
): value is { __rl: true; mode: unknown; value: unknown } {
	return isObject(value) && value.__rl === true;
}

/**
 * The ID a resource locator's value names, as the operation then validates it: the value itself in
 * the list and ID modes, the ID taken from the URL in the URL mode. A value that is not a locator's
 * (typeVersion 1's plain field, or an expression on the whole parameter) is returned as it is. The
 * URL is checked here, at run time, because n8n checks it only in the editor.
 */
export function locatorId(value: unknown, property: INodeProperties): unknown {
	if (!isLocatorValue(value)) return value;
	const mode = property.modes?.find((m) => m.name === value.mode);
	if (mode === undefined) {
		const known = (property.modes ?? []).map((m) => m.name).join(', ');
		throw new Error(
			`${property.displayName} has an unknown mode ${quoteValue(value.mode)}; use one of ${known}`,
		);
	}
	const extractor = mode.extractValue;
	if (extractor?.type !== 'regex') return value.value;
	const text = typeof value.value === 'string' ? value.value.trim() : '';
	const match = new RegExp(extractor.regex).exec(text);
	if (match === null) {
		const message = (mode.validation?.[0] as { properties?: { errorMessage?: string } } | undefined)
			?.properties?.errorMessage;
		throw new Error(
			`${message ?? `${property.displayName} is not a valid URL`}; it is ${quoteValue(value.value)}`,
		);
	}
	return match[1];
}

export function serialNumberProperty(description: string): INodeProperties {
	return {
		displayName: 'Serial Number',
		name: 'serialNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0669D46CAE79EF684A69777490602485',
		description,
	};
}

export function organizationIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Organization ID',
		name: 'organizationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 112233',
		description,
	};
}

export function containerIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Container ID',
		name: 'containerId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5',
		description,
	};
}

/** A PEM certificate signing request, pasted or taken from a previous node (e.g. Read File). */
export function csrProperty(description: string): INodeProperties {
	return {
		displayName: 'CSR',
		name: 'csr',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: '-----BEGIN CERTIFICATE REQUEST-----\nMIIC…\n-----END CERTIFICATE REQUEST-----',
		description,
	};
}

/** The Filters collection of a list operation: the optional fields that narrow what DigiCert lists. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** DigiCert's statuses of a domain or an organization, as its lists filter them (`filters[status]`). */
export const ACTIVE_STATUSES = ['active', 'inactive'];

/** The Status filter of the domain and organization lists. */
export function activeStatusFilter(records: 'domains' | 'organizations'): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Inactive', value: 'inactive' },
		],
		default: 'active',
		description: `Only active or only inactive ${records}`,
	};
}

/** The Options collection of an operation: its optional settings. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** The notice an operation DigiCert cannot take back shows first (Approve, Reject, Revoke, Cancel). */
export function irreversibleNotice(text: string): INodeProperties {
	return {
		displayName: `${text}. This cannot be undone.`,
		name: 'irreversibleNotice',
		type: 'notice',
		default: '',
	};
}

/** The common name of an order, reissue or duplicate: by default the CSR's. */
export const commonNameProperty: INodeProperties = {
	displayName: 'Common Name',
	name: 'commonName',
	type: 'string',
	default: '',
	placeholder: 'e.g. www.example.com',
	description: "The host name the certificate secures; by default the CSR's common name",
};

/** The other host names (SANs) of an order, reissue or duplicate; `note` ends the description. */
export function dnsNamesProperty(note = ''): INodeProperties {
	return {
		displayName: 'Other Host Names (SANs)',
		name: 'dnsNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. example.com, api.example.com',
		description: `Additional host names, separated by commas; a wildcard only as *.example.com${note}`,
	};
}
