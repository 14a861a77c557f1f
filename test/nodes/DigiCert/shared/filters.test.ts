import {
	asId,
	containsSearch,
	dateRangeFilter,
	assertDays,
	daysRemaining,
	expiringOrdersQuery,
	expiryWindow,
	filtersToQuery,
	isoDay,
	oneOf,
	toFilterDate,
} from '../../../../nodes/DigiCert/shared/filters';
import { requestFilters } from '../../../../nodes/DigiCert/resources/request/getMany';
import { orderDateFilters, orderFilters } from '../../../../nodes/DigiCert/resources/order/getMany';
import { expiringOrders } from '../../../../nodes/DigiCert/resources/order/getExpiring';

const NOW = Date.parse('2026-03-10T15:30:00Z');

describe('filtersToQuery', () => {
	it('turns request filters into filters[...] keys and leaves out empty ones', () => {
		expect(filtersToQuery({ status: 'pending', type: 'revoke', containerId: '', search: '' }, requestFilters)).toEqual({
			'filters[status]': 'pending',
			'filters[type]': 'revoke',
		});
		expect(filtersToQuery({}, requestFilters)).toEqual({});
		expect(filtersToQuery(undefined, requestFilters)).toEqual({});
	});

	it('maps every order filter to its DigiCert key', () => {
		expect(
			filtersToQuery({ status: 'issued', commonName: ' a.example.com ', productNameId: 'ssl_basic', containerId: 7, search: 'x' }, orderFilters),
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
		expect(() => filtersToQuery({ containerId: '5; drop' }, requestFilters)).toThrow('Container ID must be a positive whole number');
	});

	it('oneOf joins several values with commas; asId normalises numbers', () => {
		expect(oneOf(['a', 'b'])(['a', 'b'], 'X')).toBe('a,b');
		expect(oneOf(['a', 'b'])([], 'X')).toBeUndefined();
		expect(asId('0012', 'X')).toBe('12');
	});
});

describe('date filters', () => {
	it('accepts dates, ISO timestamps and Date objects as a UTC day', () => {
		expect(toFilterDate('2026-01-31', 'D')).toBe('2026-01-31');
		expect(toFilterDate('2026-01-31T23:30:00Z', 'D')).toBe('2026-01-31');
		expect(toFilterDate('2026-01-31T23:30:00-02:00', 'D')).toBe('2026-02-01');
		expect(toFilterDate(new Date('2026-05-01T00:00:00Z'), 'D')).toBe('2026-05-01');
		expect(toFilterDate({ toISO: () => '2026-07-04T10:00:00.000Z' }, 'D')).toBe('2026-07-04');
		expect(() => toFilterDate('next week', 'Expires From')).toThrow('Expires From must be a date like 2026-01-31, but it is "next week"');
		expect(() => toFilterDate('2026-13-45', 'D')).toThrow();
	});

	it("builds DigiCert's range syntax", () => {
		expect(dateRangeFilter('2026-01-01', '2026-02-01')).toBe('2026-01-01...2026-02-01');
		expect(dateRangeFilter('2026-01-01', undefined)).toBe('>=2026-01-01');
		expect(dateRangeFilter(undefined, '2026-02-01')).toBe('<=2026-02-01');
		expect(dateRangeFilter(undefined, undefined)).toBeUndefined();
		expect(() => dateRangeFilter('2026-02-02', '2026-02-01')).toThrow('ends (2026-02-01) before it starts (2026-02-02)');
	});

	it('order date pairs become filters[valid_till] and filters[date_created]', () => {
		expect(orderDateFilters({ validTillFrom: '2026-01-01', validTillTo: '2026-03-01', createdTo: '2025-12-31' })).toEqual({
			'filters[valid_till]': '2026-01-01...2026-03-01',
			'filters[date_created]': '<=2025-12-31',
		});
		expect(orderDateFilters({})).toEqual({});
	});

	it('search means contains unless the user wrote the %', () => {
		expect(containsSearch('abc')).toBe('%abc');
		expect(containsSearch('%abc')).toBe('%abc');
	});
});

describe('expiry', () => {
	it('the window runs from today to today + days (UTC days)', () => {
		expect(expiryWindow(30, NOW)).toEqual({ from: '2026-03-10', to: '2026-04-09' });
		expect(expiryWindow(0, NOW)).toEqual({ from: '2026-03-10', to: '2026-03-10' });
		expect(isoDay(NOW)).toBe('2026-03-10');
	});

	it('days remaining counts whole days from today: 0 today, negative once expired', () => {
		expect(daysRemaining('2026-03-10', NOW)).toBe(0);
		expect(daysRemaining('2026-03-11', NOW)).toBe(1);
		expect(daysRemaining('2026-04-09', NOW)).toBe(30);
		expect(daysRemaining('2026-03-09', NOW)).toBe(-1);
		expect(daysRemaining('2027-03-10T00:00:00+00:00', NOW)).toBe(365);
		expect(() => daysRemaining('soon', NOW)).toThrow('Not a date: "soon"');
	});

	it('expiringOrders keeps the window, sorts soonest first then by ID, and adds days_remaining', () => {
		const order = (id: number, validTill?: string) => ({ id, certificate: validTill ? { valid_till: validTill } : {} });
		const result = expiringOrders(
			[order(5, '2026-03-20'), order(2, '2026-03-12'), order(9, '2026-03-09'), order(1, '2026-03-20'), order(3), order(4, '2026-05-01'), order(7, '2026-03-10')],
			30,
			NOW,
		);
		expect(result.map((o) => [o.id, o.days_remaining])).toEqual([
			[7, 0],
			[2, 2],
			[1, 10],
			[5, 10],
		]);
		expect(result[0]).toEqual({ id: 7, certificate: { valid_till: '2026-03-10' }, days_remaining: 0 });
	});

	it('expiringOrdersQuery asks for issued orders valid till today...today+days', () => {
		expect(expiringOrdersQuery(30, Date.parse('2026-11-22T15:30:00Z'))).toEqual({
			'filters[status]': 'issued',
			'filters[valid_till]': '2026-11-22...2026-12-22',
		});
	});

	it('assertDays accepts whole numbers 0..2000, also as text', () => {
		expect(assertDays(30)).toBe(30);
		expect(assertDays('90')).toBe(90);
		expect(assertDays(0)).toBe(0);
		expect(() => assertDays(2001)).toThrow('Days must be a whole number from 0 to 2000, but it is 2001');
		expect(() => assertDays('')).toThrow();
		expect(() => assertDays(undefined)).toThrow();
	});
});
