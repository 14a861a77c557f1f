import {
	asId,
	containsSearch,
	dateRangeFilter,
	filtersToQuery,
	oneOf,
	toFilterDate,
} from '../../../nodes/common/filters';
import { requestFilters } from '../../../nodes/DigiCert/resources/request/getMany';
import { orderDateFilters, orderFilters } from '../../../nodes/DigiCert/resources/order/getMany';

describe('filtersToQuery', () => {
	it('turns request filters into filters[...] keys and leaves out empty ones', () => {
		expect(
			filtersToQuery(
				{ status: 'pending', type: 'revoke', containerId: '', search: '' },
				requestFilters,
			),
		).toEqual({
			'filters[status]': 'pending',
			'filters[type]': 'revoke',
		});
		expect(filtersToQuery({}, requestFilters)).toEqual({});
		expect(filtersToQuery(undefined, requestFilters)).toEqual({});
	});

	it('maps every order filter to its DigiCert key', () => {
		expect(
			filtersToQuery(
				{
					status: 'issued',
					commonName: ' a.example.com ',
					productNameId: 'ssl_basic',
					containerId: 7,
					search: 'x',
				},
				orderFilters,
			),
		).toEqual({
			'filters[status]': 'issued',
			'filters[common_name]': 'a.example.com',
			'filters[product_name_id]': 'ssl_basic',
			'filters[container_id]': '7',
			'filters[search]': '%x',
		});
	});

	it('refuses values DigiCert does not know, naming the filter', () => {
		expect(() => filtersToQuery({ status: 'needs_approval' }, requestFilters)).toThrow(
			'Status must be one of approved, pending, rejected, submitted, but it is "needs_approval"',
		);
		expect(() => filtersToQuery({ containerId: '5; drop' }, requestFilters)).toThrow(
			'Division ID must be a positive whole number',
		);
	});

	it('refuses a Filters value that is not a collection (an expression giving a text or a list), rather than reading its methods as filters', () => {
		expect(() => filtersToQuery('active' as never, requestFilters)).toThrow(
			'Filters must be a set of filters, but it is "active"',
		);
		expect(() => filtersToQuery(['active'] as never, requestFilters)).toThrow(
			'Filters must be a set of filters, but it is a list ["active"]',
		);
		expect(filtersToQuery(null as never, requestFilters)).toEqual({});
	});

	it('oneOf joins several values with commas; asId normalises numbers', () => {
		expect(oneOf(['a', 'b'])(['a', 'b'], 'X')).toBe('a,b');
		expect(oneOf(['a', 'b'])([], 'X')).toBeUndefined();
		expect(asId('0012', 'X')).toBe('12');
	});
});

describe('date filters', () => {
	it('takes the calendar day written in the value, never moved through a time zone', () => {
		expect(toFilterDate('2026-01-31', 'D')).toBe('2026-01-31');
		// n8n's date picker: a local time without a zone.
		expect(toFilterDate('2026-01-31T00:00:00', 'D')).toBe('2026-01-31');
		expect(toFilterDate('2026-01-31T23:59:59', 'D')).toBe('2026-01-31');
		expect(toFilterDate('2026-01-31 08:00', 'D')).toBe('2026-01-31');
		// A timestamp with an offset names the day in the zone it was written in.
		expect(toFilterDate('2026-01-31T23:30:00Z', 'D')).toBe('2026-01-31');
		expect(toFilterDate('2026-01-31T23:30:00-02:00', 'D')).toBe('2026-01-31');
		expect(toFilterDate('2026-01-31T00:30:00+09:00', 'D')).toBe('2026-01-31');
		// Luxon dates (expressions) by their own day; a JS date has no zone: its UTC day.
		expect(
			toFilterDate(
				{ toISO: () => '2026-07-04T00:00:00.000+09:00', toISODate: () => '2026-07-04' },
				'D',
			),
		).toBe('2026-07-04');
		expect(toFilterDate({ toISO: () => '2026-07-04T10:00:00.000Z' }, 'D')).toBe('2026-07-04');
		expect(toFilterDate(new Date('2026-05-01T00:00:00Z'), 'D')).toBe('2026-05-01');
	});

	it('refuses what is not a real day, naming the parameter', () => {
		expect(() => toFilterDate('next week', 'Expires From')).toThrow(
			'Expires From must be a date like 2026-01-31, but it is "next week"',
		);
		for (const bad of [
			'2026-13-45',
			'2026-02-30',
			'2025-02-29',
			'2026-01-31x',
			'20260131',
			'',
			null,
			{},
			new Date(NaN),
			true,
		]) {
			expect(() => toFilterDate(bad, 'D')).toThrow('D must be a date like 2026-01-31');
		}
		expect(toFilterDate('2028-02-29', 'D')).toBe('2028-02-29');
	});

	it("builds DigiCert's range syntax", () => {
		expect(dateRangeFilter('2026-01-01', '2026-02-01')).toBe('2026-01-01...2026-02-01');
		expect(dateRangeFilter('2026-01-01', undefined)).toBe('2026-01-01...9999-12-31');
		expect(dateRangeFilter(undefined, '2026-02-01')).toBe('1970-01-01...2026-02-01');
		expect(dateRangeFilter(undefined, undefined)).toBeUndefined();
		expect(() => dateRangeFilter('2026-02-02', '2026-02-01')).toThrow(
			'ends (2026-02-01) before it starts (2026-02-02)',
		);
	});

	it('order date pairs become filters[valid_till] and filters[date_created]', () => {
		expect(
			orderDateFilters({
				validTillFrom: '2026-01-01',
				validTillTo: '2026-03-01',
				createdTo: '2025-12-31',
			}),
		).toEqual({
			'filters[valid_till]': '2026-01-01...2026-03-01',
			'filters[date_created]': '1970-01-01...2025-12-31',
		});
		expect(orderDateFilters({})).toEqual({});
	});

	it('search means contains unless the user wrote the %', () => {
		expect(containsSearch('abc')).toBe('%abc');
		expect(containsSearch('%abc')).toBe('%abc');
	});
});
