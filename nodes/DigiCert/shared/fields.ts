import type { INodeProperties } from 'n8n-workflow';

/**
 * Plain fields several operations share, so each is described the same way everywhere. The ID
 * locators are in locators.ts, the node's versions in versions.ts.
 */

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
