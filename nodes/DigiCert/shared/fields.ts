import type { INodeProperties } from 'n8n-workflow';

/** Fields several operations share, so each is described the same way everywhere. */
export function orderIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '12345678',
		description,
	};
}

export function certificateIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Certificate ID',
		name: 'certificateId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '345678',
		description,
	};
}

export function requestIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '198',
		description,
	};
}

export function serialNumberProperty(description: string): INodeProperties {
	return {
		displayName: 'Serial Number',
		name: 'serialNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '0669D46CAE79EF684A69777490602485',
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
		placeholder: '112233',
		description,
	};
}

export function containerIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Container ID',
		name: 'containerId',
		type: 'string',
		default: '',
		placeholder: '5',
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
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** The Options collection of an operation: its optional settings. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}
