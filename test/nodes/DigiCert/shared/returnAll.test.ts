import type { ParameterReader } from '../../../../nodes/common/types';
import { readMaxItems, returnAllProperties } from '../../../../nodes/DigiCert/shared/returnAll';

const reader = (values: Record<string, unknown>): ParameterReader =>
	(<T>(name: string, fallback?: T) =>
		(name in values ? values[name] : fallback) as T) as ParameterReader;

describe('Return All / Limit', () => {
	it('Return All means no maximum; otherwise the limit (default 50)', () => {
		expect(readMaxItems(reader({ returnAll: true, limit: 5 }))).toBeUndefined();
		expect(readMaxItems(reader({ returnAll: false, limit: 1500 }))).toBe(1500);
		expect(readMaxItems(reader({}))).toBe(50);
		expect(readMaxItems(reader({ limit: '20' }))).toBe(20);
	});

	it('refuses a limit that is not a whole number from 1', () => {
		for (const limit of [0, -1, 2.5, 'many', null]) {
			expect(() => readMaxItems(reader({ limit }))).toThrow(/^Limit must be a whole number from 1/);
		}
	});

	it("follows n8n's conventions: Limit shown only without Return All", () => {
		const [returnAll, limit] = returnAllProperties();
		expect(returnAll).toMatchObject({ name: 'returnAll', type: 'boolean', default: false });
		expect(limit).toMatchObject({
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
		});
		expect(limit.description).toBe('Max number of results to return');
	});
});
