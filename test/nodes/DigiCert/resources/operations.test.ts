import { DigiCert } from '../../../../nodes/DigiCert/DigiCert.node';
import { resources } from '../../../../nodes/DigiCert/resources';

describe('the node offers every operation of issue 4, described for AI agents', () => {
	const names = resources.map((r) => [r.value, r.operations.map((o) => o.value).sort()]);

	it('has exactly these resources and operations', () => {
		expect(names).toEqual([
			['order', ['get', 'getExpiring', 'getMany', 'listDuplicates', 'listReissues']],
			['request', ['approve', 'get', 'getMany', 'reject']],
			['certificate', ['download']],
			['domain', ['checkDcv', 'get', 'getExpiringValidations', 'getMany']],
			['organization', ['getExpiringValidations', 'getMany']],
		]);
	});

	it('is usable as a tool, and every operation says what it does', () => {
		const node = new DigiCert();
		expect(node.description.usableAsTool).toBe(true);
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(operation.description.length).toBeGreaterThan(60);
				expect(operation.action).toMatch(/^[A-Z]/);
			}
		}
	});

	it('shows each operation in its resource, fields only for their operation', () => {
		const node = new DigiCert();
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		expect(operations.map((p) => p.displayOptions?.show?.resource)).toEqual([['order'], ['request'], ['certificate'], ['domain'], ['organization']]);
		const days = node.description.properties.filter((p) => p.name === 'days');
		expect(days.map((p) => p.displayOptions?.show)).toEqual([
			{ resource: ['order'], operation: ['getExpiring'] },
			{ resource: ['domain'], operation: ['getExpiringValidations'] },
			{ resource: ['organization'], operation: ['getExpiringValidations'] },
		]);
	});
});
