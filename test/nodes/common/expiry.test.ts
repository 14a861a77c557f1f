import { expiringOrders } from '../../../nodes/DigiCert/resources/order/getExpiring';
import type { ValidationDates } from '../../../nodes/common/expiry';
import {
	assertDays,
	daysRemaining,
	expiringOrdersQuery,
	expiryWindow,
	findExpiringValidations,
	isoDay,
	readDay,
	unreadableWarning,
} from '../../../nodes/common/expiry';

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
		const order = (id: number, validTill?: string) => ({
			id,
			certificate: validTill ? { valid_till: validTill } : {},
		});
		const result = expiringOrders(
			[
				order(5, '2026-03-20'),
				order(2, '2026-03-12'),
				order(9, '2026-03-09'),
				order(1, '2026-03-20'),
				order(3),
				order(4, '2026-05-01'),
				order(7, '2026-03-10'),
			],
			30,
			NOW,
		);
		expect(result.items.map((o) => [o.id, o.days_remaining])).toEqual([
			[7, 0],
			[2, 2],
			[1, 10],
			[5, 10],
		]);
		expect(result.items[0]).toEqual({
			id: 7,
			certificate: { valid_till: '2026-03-10' },
			days_remaining: 0,
		});
		expect(result.warning).toBe(
			"1 order was left out because its certificate's valid_till is not a date: order 3 (null)",
		);
	});

	it.each([
		['2026-03-10', '2026-03-10'],
		['2026-03-10T23:59:59+00:00', '2026-03-10'],
		['0000-00-00', undefined],
		['2026-02-30', undefined],
		['2026-13-01', undefined],
		['soon', undefined],
		[20260310, undefined],
		[null, undefined],
	])('readDay(%j) is %j', (value, day) => {
		expect(readDay(value)).toBe(day);
	});

	it('names the first five unreadable orders and counts the rest', () => {
		const orders = Array.from({ length: 7 }, (_, i) => ({
			id: i + 1,
			certificate: { valid_till: 'n/a' },
		}));
		expect(unreadableWarning(orders)).toBe(
			`7 orders were left out because their certificate's valid_till is not a date: ${[1, 2, 3, 4, 5].map((id) => `order ${id} ("n/a")`).join(', ')}, and 2 more`,
		);
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
		expect(() => assertDays(2001)).toThrow(
			'Days must be a whole number from 0 to 2000, but it is 2001',
		);
		expect(() => assertDays('')).toThrow();
		expect(() => assertDays(undefined)).toThrow();
	});

	it('assertDays reads text as decimal digits only: hex, exponents and signs are refused, not read as 16 or 1000', () => {
		expect(assertDays(' 7 ')).toBe(7);
		for (const text of ['0x10', '1e3', '+5', '0b11']) {
			expect(() => assertDays(text)).toThrow(
				`Days must be a whole number from 0 to 2000, but it is "${text}"`,
			);
		}
	});
});

describe('findExpiringValidations', () => {
	const datesOf: ValidationDates = (record) =>
		(record.dates as Array<[string, unknown]>).map(([type, value]) => ({ type, value }));
	const record = (id: number, ...dates: Array<[string, unknown]>) => ({
		id,
		name: `r${id}`,
		dates,
	});

	it("orders one record's validations soonest first, then by type, whatever order DigiCert listed them in", () => {
		const { found } = findExpiringValidations(
			[record(7, ['ov', '2026-03-25'], ['ov2', '2026-03-15'], ['ev', '2026-03-15'])],
			30,
			NOW,
			datesOf,
		);
		expect(found.map((f) => f.validations)).toEqual([
			[
				{ type: 'ev', expires: '2026-03-15', days_remaining: 5 },
				{ type: 'ov2', expires: '2026-03-15', days_remaining: 5 },
				{ type: 'ov', expires: '2026-03-25', days_remaining: 15 },
			],
		]);
	});

	it('keeps validations lapsing today through exactly Days away, soonest first, ties by record ID then type', () => {
		const { found, unreadable } = findExpiringValidations(
			[
				record(5, ['ov', '2026-04-09']), // exactly 30 days
				record(4, ['ov', '2026-04-10']), // 31: outside
				record(3, ['ov', '2026-03-10T07:00:00+00:00'], ['ev', '2026-03-09']), // today; yesterday lapsed
				record(2, ['ev', '2026-03-20'], ['ov', '2026-03-20']),
				record(1, ['ov', '2026-03-10']),
			],
			30,
			NOW,
			datesOf,
		);
		expect(unreadable).toEqual([]);
		expect(found.map(({ record: r, validations }) => [r.id, validations])).toEqual([
			[1, [{ type: 'ov', expires: '2026-03-10', days_remaining: 0 }]],
			[3, [{ type: 'ov', expires: '2026-03-10', days_remaining: 0 }]],
			[
				2,
				[
					{ type: 'ev', expires: '2026-03-20', days_remaining: 10 },
					{ type: 'ov', expires: '2026-03-20', days_remaining: 10 },
				],
			],
			[5, [{ type: 'ov', expires: '2026-04-09', days_remaining: 30 }]],
		]);
	});

	it('Days 0 keeps only what lapses today', () => {
		const { found } = findExpiringValidations(
			[record(1, ['ov', '2026-03-10']), record(2, ['ov', '2026-03-11'])],
			0,
			NOW,
			datesOf,
		);
		expect(found.map((f) => f.record.id)).toEqual([1]);
	});

	it("skips an unreadable date, keeps the record's other validations, and reports what it skipped", () => {
		const broken = record(1, ['ov', 'soon'], ['ev', '2026-03-12']);
		const { found, unreadable } = findExpiringValidations(
			[broken, record(2, ['ov', '2026-02-31'])],
			30,
			NOW,
			datesOf,
		);
		expect(found).toEqual([
			{ record: broken, validations: [{ type: 'ev', expires: '2026-03-12', days_remaining: 2 }] },
		]);
		expect(unreadable.map(({ record: r, type, value }) => [r.id, type, value])).toEqual([
			[1, 'ov', 'soon'],
			[2, 'ov', '2026-02-31'],
		]);
	});
});
