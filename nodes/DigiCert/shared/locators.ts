import type { INodeProperties } from 'n8n-workflow';

import { isObject } from '../../common/types';
import { quoteValue } from '../../common/inputChecks';
import type { VersionedProperty } from './versions';
import { withOlderForms } from './versions';

/**
 * The ID fields of DigiCert's objects as n8n resource locators (From List, By URL, By ID), the
 * CertCentral page URLs they accept, and how the executor reads the ID a locator's value names.
 * typeVersion 1 showed a plain text field instead: each locator carries it as its older form.
 */

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
export interface IdModeCheck {
	regex: string;
	errorMessage: string;
	placeholder: string;
}

/** The resource locator of one kind of ID: From List, By URL (when it has a page), By ID. */
function locatorProperty(
	kind: LocatorKind,
	description: string,
	idMode?: IdModeCheck,
): VersionedProperty {
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
	return withOlderForms(current, { version1: plainIdField(kind, description) });
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

export function orderIdProperty(description: string, idMode?: IdModeCheck): VersionedProperty {
	return locatorProperty(ORDER, description, idMode);
}

export function requestIdProperty(description: string): VersionedProperty {
	return locatorProperty(REQUEST, description);
}

export function certificateIdProperty(description: string): VersionedProperty {
	return locatorProperty(CERTIFICATE, description);
}

export function domainIdProperty(description: string): VersionedProperty {
	return locatorProperty(DOMAIN, description);
}

/** A resource locator's value as n8n stores it: `{__rl: true, mode, value}`. */
export function isLocatorValue(
	value: unknown,
): value is { __rl: true; mode: unknown; value: unknown } {
	return isObject(value) && value.__rl === true;
}

/**
 * The ID a resource locator's value names, as the operation then checks it: the value itself in
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
