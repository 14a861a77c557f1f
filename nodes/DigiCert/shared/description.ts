import type { INodeProperties } from 'n8n-workflow';

import { formsByVersion, fromVersion1_1, onlyInVersion1 } from './versions';
import type { DigiCertResource } from './operation';
import { outputProperties } from './output';
import { requestOptionsProperty, retryOnFailNotice } from './requestOptions';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The node's properties, assembled from the declared resources and operations. */
export function buildProperties(resources: DigiCertResource[]): INodeProperties[] {
	const firstResource = resources[0].value;
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources
			.map(({ name, value, description }) => ({ name, value, description }))
			.sort(byName),
		default: firstResource,
	};
	const perResource = resources.flatMap((resource): INodeProperties[] => {
		// typeVersion 1 opened on the first declared operation; a newer node opens on the one users need most.
		const version1Default = resource.operations[0].value;
		const currentDefault = resource.defaultOperation ?? version1Default;
		const operationProperty: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map(({ name, value, action, description }) => ({ name, value, action, description }))
				.sort(byName),
			default: currentDefault,
		};
		// A saved node stores only parameters that differ from the default: typeVersion 1 keeps its own.
		const operationPickers =
			currentDefault === version1Default
				? [operationProperty]
				: [
						onlyInVersion1({ ...operationProperty, default: version1Default }),
						fromVersion1_1(operationProperty),
					];
		const fields = resource.operations.flatMap((operation) =>
			[
				...operation.properties.flatMap(formsByVersion),
				...(operation.output ? outputProperties(operation.output.noun) : []),
			].map((property) => ({
				...property,
				displayOptions: {
					...property.displayOptions,
					show: {
						...property.displayOptions?.show,
						resource: [resource.value],
						operation: [operation.value],
					},
				},
			})),
		);
		return [...operationPickers, ...fields];
	});
	return [resourceProperty, ...perResource, requestOptionsProperty, retryOnFailNotice];
}
