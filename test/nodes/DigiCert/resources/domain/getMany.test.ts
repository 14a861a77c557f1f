import type { INodeParameters } from 'n8n-workflow';

import { fakeDomains } from '../../../../helpers/fake';
import { runDigiCert } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();

const { DOMAIN_IDS, TOTAL_DOMAINS } = fakeDomains;

describe('Domain > Get Many', () => {
	it('Return All pages through every domain once, with their validations', async () => {
		const result = await runDigiCert(server, {
			resource: 'domain',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => r.query)).toEqual([
			{ include_validation: 'true', offset: '0', limit: '1000' },
			{ include_validation: 'true', offset: '1000', limit: '1000' },
		]);
		const ids = result.items().map((i) => i.json.id);
		expect(ids).toHaveLength(TOTAL_DOMAINS);
		expect(new Set(ids).size).toBe(TOTAL_DOMAINS);
		expect(
			result.items().find((i) => i.json.id === DOMAIN_IDS.bothIn12)?.json.validations,
		).toHaveLength(2);
	});

	it("sends each filter as DigiCert's query key, and Limit as the page size", async () => {
		const result = await runDigiCert(server, {
			resource: 'domain',
			operation: 'getMany',
			limit: 5,
			filters: {
				status: 'active',
				search: 'example',
				dcvMethod: 'dns-txt-token',
				validation: 'ov_expiring_within_30_days',
				containerId: '5',
			},
		});
		expect(result.error).toBeUndefined();
		expect(server.requests[0].query).toEqual({
			'filters[status]': 'active',
			'filters[search]': '%example',
			'filters[dcv_method]': 'dns-txt-token',
			'filters[validation]': 'ov_expiring_within_30_days',
			container_id: '5',
			include_validation: 'true',
			offset: '0',
			limit: '5',
		});
		const items = result.items().map((i) => i.json);
		expect(items.length).toBeGreaterThan(0);
		expect(items.length).toBeLessThanOrEqual(5);
		expect(
			items.every(
				(d) =>
					d.is_active === true &&
					String(d.name).includes('example') &&
					d.dcv_method === 'dns-txt-token',
			),
		).toBe(true);
		expect(items.map((d) => d.id)).toContain(DOMAIN_IDS.bothIn12);
	});

	it('an empty answer (DigiCert leaves the array out) is no items', async () => {
		const result = await runDigiCert(server, {
			resource: 'domain',
			operation: 'getMany',
			returnAll: true,
			filters: { search: 'no-such-domain' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items()).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	it('refuses a wrong type from an expression (object, list) for the domain ID and the filters, before sending anything', async () => {
		const cases: Array<[INodeParameters, string]> = [
			[
				{ operation: 'get', domainId: '={{ { id: 1 } }}' },
				'Domain ID must be a positive whole number, but it is an object {"id":1}',
			],
			[
				{ operation: 'get', domainId: '={{ [1, 2] }}' },
				'Domain ID must be a positive whole number, but it is a list [1,2]',
			],
			[
				{ operation: 'getMany', filters: { search: '={{ { a: 1 } }}' } },
				'Search must be a single text or number, but it is an object {"a":1}',
			],
			[
				{ operation: 'getMany', filters: { containerId: '={{ { a: 1 } }}' } },
				'Division ID must be a single text or number, but it is an object {"a":1}',
			],
			[
				{ operation: 'getMany', filters: { dcvMethod: '={{ 5 }}' } },
				'DCV Method must be one of dns-cname-token, dns-txt-token, email, http-token, http-token-static, but it is "5"',
			],
		];
		for (const [parameters, message] of cases) {
			const result = await runDigiCert(server, { resource: 'domain', ...parameters });
			expect({
				message: result.error?.message,
				description: (result.error as { description?: string }).description,
			}).toEqual({
				message,
				description:
					'Fix the parameter (or the expression that sets it) and run again; no request was sent.',
			});
		}
		expect(server.requests).toHaveLength(0);
	});

	it('refuses a filter value DigiCert does not know, and a container ID that is not one', async () => {
		expect(
			(
				await runDigiCert(server, {
					resource: 'domain',
					operation: 'getMany',
					filters: { validation: 'expiring_someday' },
				})
			).error?.message,
		).toMatch(/^Validation must be one of shortened_by_industry_changes, /);
		expect(
			(
				await runDigiCert(server, {
					resource: 'domain',
					operation: 'getMany',
					filters: { containerId: '5&x=1' },
				})
			).error?.message,
		).toBe('Division ID must be a positive whole number, but it is "5&x=1"');
		expect(server.requests).toHaveLength(0);
	});
});
