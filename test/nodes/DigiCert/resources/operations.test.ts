import { DigiCert } from '../../../../nodes/DigiCert/DigiCert.node';
import { resources } from '../../../../nodes/DigiCert/resources';

describe('the node offers every operation of issue 4, described for AI agents', () => {
	const names = resources.map((r) => [r.value, r.operations.map((o) => o.value).sort()]);

	it('has exactly these resources and operations', () => {
		expect(names).toEqual([
			['order', ['get', 'getExpiring', 'getMany', 'listDuplicates', 'listReissues']],
			['request', ['approve', 'get', 'getMany', 'reject']],
			['certificate', ['download']],
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

	it('shows each operation in its resource, fields only for their operation', () => {
		const node = new DigiCert();
		// Order has one picker per version (their defaults differ), the others one.
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		expect(operations.map((p) => p.displayOptions?.show?.resource)).toEqual([['order'], ['order'], ['request'], ['certificate']]);
		const days = node.description.properties.find((p) => p.name === 'days');
		expect(days?.displayOptions?.show).toEqual({ resource: ['order'], operation: ['getExpiring'] });
	});
});
