import type { INodeProperties } from 'n8n-workflow';

import type { DigiCertResource } from './operation';
import { requestOptionsProperty } from './requestOptions';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The node's properties, assembled from the declared resources and operations. */
export function buildProperties(resources: DigiCertResource[]): INodeProperties[] {
	const firstResource = resources[0].value;
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map(({ name, value, description }) => ({ name, value, description })).sort(byName),
		default: firstResource,
	};
	const perResource = resources.flatMap((resource): INodeProperties[] => {
		const firstOperation = resource.operations[0].value;
		const operationProperty: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map(({ name, value, action, description }) => ({ name, value, action, description }))
				.sort(byName),
			default: firstOperation,
		};
		const fields = resource.operations.flatMap((operation) =>
			operation.properties.map((property) => ({
				...property,
				displayOptions: {
					...property.displayOptions,
					show: { ...property.displayOptions?.show, resource: [resource.value], operation: [operation.value] },
				},
			})),
		);
		return [operationProperty, ...fields];
	});
	return [resourceProperty, ...perResource, requestOptionsProperty];
}
