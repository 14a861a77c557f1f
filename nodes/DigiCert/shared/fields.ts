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
