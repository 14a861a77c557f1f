import { fakeDomains } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

const server = useFakeCertCentral({ fresh: true });
const { DOMAIN_IDS } = fakeDomains;
const submit = (parameters: Record<string, unknown>) =>
	runOperation(server, 'domain', 'submitForValidation', {
		domainId: DOMAIN_IDS.bothIn12,
		validationTypes: ['ov', 'ev'],
		dcvMethod: 'dns-txt-token',
		...parameters,
	} as never);

describe('Domain > Submit for Validation', () => {
	it('sends POST /domain/{id}/validation with the types and the DCV method, and outputs the token to publish', async () => {
		const result = await submit({});
		expect(result.error).toBeUndefined();
		expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			[
				'POST',
				`/services/v2/domain/${DOMAIN_IDS.bothIn12}/validation`,
				{ validations: [{ type: 'ov' }, { type: 'ev' }], dcv_method: 'dns-txt-token' },
			],
		]);
		const token = server.data.domains.get(DOMAIN_IDS.bothIn12).dcv_token;
		expect(token.status).toBe('pending');
		expect(result.items()[0].json).toEqual({
			domainId: DOMAIN_IDS.bothIn12,
			validationTypes: ['ov', 'ev'],
			dcvMethod: 'dns-txt-token',
			dcv_token: token,
		});
	});

	it('refuses bad input before sending: no or unknown validation types, an unknown method', async () => {
		for (const [validationTypes, shown] of [
			['={{ [] }}', '[]'],
			['={{ ["dv"] }}', '["dv"]'],
		] as const) {
			const result = await submit({ validationTypes });
			expect(result.error?.message).toBe(
				`Validation Types must be OV, EV or both, but it is a list ${shown}`,
			);
		}
		const result = await submit({ dcvMethod: 'dns-01' });
		expect(result.error?.message).toMatch(/^DCV Method must be one of/);
		expect(server.requests).toHaveLength(0);
	});

	it("DigiCert's refusal is explained (an inactive domain), and the change is sent once after a 502", async () => {
		let result = await submit({ domainId: DOMAIN_IDS.inactive });
		expect(result.error?.message).toBe(
			`Domain ${DOMAIN_IDS.inactive} is inactive: activate it first.`,
		);
		server.reset();
		server.fail({ times: 1, respond: { status: 502, body: 'Bad Gateway' } });
		result = await submit({});
		expect(result.error).toBeDefined();
		expect(server.requests).toHaveLength(1);
	});
});
