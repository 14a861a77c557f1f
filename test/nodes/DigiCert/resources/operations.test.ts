import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DigiCert } from '../../../../nodes/DigiCert/DigiCert.node';
import { resources } from '../../../../nodes/DigiCert/resources';

describe('the node offers every operation of issue 4, described for AI agents', () => {
	const names = resources.map((r) => [r.value, r.operations.map((o) => o.value).sort()]);

	it('has exactly these resources and operations', () => {
		expect(names).toEqual([
			['order', ['cancel', 'create', 'duplicate', 'get', 'getExpiring', 'getMany', 'listDuplicates', 'listReissues', 'reissue', 'revoke']],
			['request', ['approve', 'get', 'getMany', 'reject']],
			['certificate', ['download', 'revoke']],
		]);
	});

	it('is usable as a tool, and every operation says what it does (its action is what an agent reads: see conventions.test.ts)', () => {
		const node = new DigiCert();
		expect(node.description.usableAsTool).toBe(true);
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(operation.description.length).toBeGreaterThan(40);
				expect(operation.action).toMatch(/^[A-Z]/);
			}
		}
	});

	it('says so where an operation cannot be undone, and where it changes DigiCert it is not resent', () => {
		const operationOf = (resource: string, operation: string) =>
			resources.find((r) => r.value === resource)!.operations.find((o) => o.value === operation)!;
		// The dropdown's two lines say it; the notice shown first says more (test/nodes/DigiCert/conventions.test.ts).
		for (const [resource, operation] of [['order', 'revoke'], ['certificate', 'revoke']]) {
			expect(operationOf(resource, operation).description).toMatch(/Permanent\.$/);
			expect(operationOf(resource, operation).properties[0].displayName).toMatch(/invalid at once.*This cannot be undone\.$/);
		}
		expect(operationOf('order', 'cancel').description).toMatch(/Cannot be undone/);
		// Too long for the dropdown: the README says it for every change.
		const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
		expect(readme).toContain('Create, Reissue, Duplicate, Revoke and Cancel (like Approve and Reject) change DigiCert, so **nothing is sent\ntwice**');
	});

	it('shows each operation in its resource, fields only for their operation', () => {
		const node = new DigiCert();
		// Order has one picker per version (their defaults differ), the others one.
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		expect(operations.map((p) => p.displayOptions?.show?.resource)).toEqual([['order'], ['order'], ['request'], ['certificate']]);
		const days = node.description.properties.find((p) => p.name === 'days');
		expect(days?.displayOptions?.show).toEqual({ resource: ['order'], operation: ['getExpiring'] });
	});
});
