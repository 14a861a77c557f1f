import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';

import { DigiCert } from '../../../../nodes/DigiCert/DigiCert.node';
import { resources } from '../../../../nodes/DigiCert/resources';

describe('the node offers every operation of issue 4, described for AI agents', () => {
	const names = resources.map((r) => [r.value, r.operations.map((o) => o.value).sort()]);

	it('has exactly these resources and operations', () => {
		expect(names).toEqual([
			[
				'order',
				[
					'cancel',
					'changeDcvMethod',
					'checkDcv',
					'create',
					'duplicate',
					'get',
					'getDcvRandomValue',
					'getExpiring',
					'getMany',
					'listDuplicates',
					'listReissues',
					'reissue',
					'revoke',
					'setAutoReissue',
				],
			],
			['request', ['approve', 'get', 'getMany', 'reject']],
			['certificate', ['download', 'revoke']],
			[
				'domain',
				[
					'changeDcvMethod',
					'checkDcv',
					'generateDcvToken',
					'get',
					'getExpiringValidations',
					'getMany',
					'submitForValidation',
				],
			],
			['organization', ['getExpiringValidations', 'getMany']],
		]);
	});

	it('is usable as a tool, and the node shows every operation with its own action and description', () => {
		const node = new DigiCert();
		expect(node.description.usableAsTool).toBe(true);
		// What the operation picker (and an AI agent choosing a tool) reads for each operation.
		const shown = node.description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options as INodePropertyOptions[]);
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(shown.find((option) => option.action === operation.action)).toEqual({
					name: operation.name,
					value: operation.value,
					action: operation.action,
					description: operation.description,
				});
			}
		}
		// No two operations are described alike (a copied description would mislead the agent).
		const descriptions = resources.flatMap((resource) =>
			resource.operations.map((operation) => operation.description),
		);
		expect(new Set(descriptions).size).toBe(descriptions.length);
	});

	it('says so where an operation cannot be undone, and where it changes DigiCert it is not resent', () => {
		const operationOf = (resource: string, operation: string) =>
			resources.find((r) => r.value === resource)!.operations.find((o) => o.value === operation)!;
		// The dropdown's two lines say it; the notice shown first says more (test/nodes/DigiCert/conventions.test.ts).
		for (const [resource, operation] of [
			['order', 'revoke'],
			['certificate', 'revoke'],
		]) {
			expect(operationOf(resource, operation).description).toMatch(/Permanent\.$/);
			expect(operationOf(resource, operation).properties[0].displayName).toMatch(
				/invalid at once.*This cannot be undone\.$/,
			);
		}
		expect(operationOf('order', 'cancel').description).toMatch(/Cannot be undone/);
		// Too long for the dropdown: the README says it for every change.
		const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
		expect(readme).toContain(
			'Create, Reissue, Duplicate, Revoke and Cancel (like Approve and Reject) change DigiCert, so **nothing is sent\ntwice**',
		);
	});

	it('shows each operation in its resource, fields only for their operation', () => {
		const node = new DigiCert();
		// Order has one picker per version (their defaults differ), the others one.
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		expect(operations.map((p) => p.displayOptions?.show?.resource)).toEqual([
			['order'],
			['order'],
			['request'],
			['certificate'],
			['domain'],
			['organization'],
		]);
		const days = node.description.properties.filter((p) => p.name === 'days');
		expect(days.map((p) => p.displayOptions?.show)).toEqual([
			{ resource: ['order'], operation: ['getExpiring'] },
			{ resource: ['domain'], operation: ['getExpiringValidations'] },
			{ resource: ['organization'], operation: ['getExpiringValidations'] },
		]);
	});
});
