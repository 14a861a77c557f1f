import { expiringOrders } from '../../../nodes/DigiCert/resources/order/getExpiring';
import { assertDays, daysRemaining, expiringOrdersQuery, expiryWindow, isoDay } from '../../../nodes/shared/expiry';

const NOW = Date.parse('2026-03-10T15:30:00Z');

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
