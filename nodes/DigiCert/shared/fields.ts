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

/** The Filters collection of a list operation: the optional fields that narrow what DigiCert lists. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** The Options collection of an operation: its optional settings. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}
