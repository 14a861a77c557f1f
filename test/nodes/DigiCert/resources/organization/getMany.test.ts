import { fakeData } from '../../../../helpers/fake';
import { runDigiCert } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral();

const today = (days = 0) => fakeData.isoDate(Date.now() + days * 86_400_000);

describe('Organization > Get Many', () => {
	it('lists every organization with its validations (include_validation=true); one without validations has no array', async () => {
		const result = await runDigiCert(server, {
			resource: 'organization',
			operation: 'getMany',
			returnAll: true,
			filters: {},
		});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.path, r.query])).toEqual([
			['/services/v2/organization', { include_validation: 'true', offset: '0', limit: '1000' }],
		]);
		const byId = new Map(result.items().map((i) => [i.json.id, i.json]));
		expect(byId.size).toBe(server.data.organizations.size);
		expect(byId.get(112233)).toMatchObject({
			name: 'Epigyne Unwieldiness llcasdf',
			status: 'active',
			validations: [
				{ type: 'ov', status: 'active', validated_until: `${today(5)}T07:00:00+00:00` },
				{ type: 'ev', status: 'active', validated_until: `${today(45)}T07:00:00+00:00` },
			],
		});
		expect(byId.get(112237)).not.toHaveProperty('validations');
	});

	it("sends the filters as DigiCert's query keys; the search (an ID or part of a name) as typed", async () => {
		const result = await runDigiCert(server, {
			resource: 'organization',
			operation: 'getMany',
			limit: 10,
			filters: { status: 'active', validation: 'pending', search: 'Contoso' },
		});
		expect(server.requests[0].query).toEqual({
			'filters[status]': 'active',
			'filters[validation]': 'pending',
			'filters[search]': 'Contoso',
			include_validation: 'true',
			offset: '0',
			limit: '10',
		});
		expect(result.items().map((i) => i.json.id)).toEqual([112235]);
	});

	it('refuses a status DigiCert does not know, before sending anything', async () => {
		expect(
			(
				await runDigiCert(server, {
					resource: 'organization',
					operation: 'getMany',
					filters: { status: 'approved' },
				})
			).error?.message,
		).toBe('Status must be one of active, inactive, but it is "approved"');
		expect(server.requests).toHaveLength(0);
	});
});
