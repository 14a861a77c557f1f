import {
	certificateExpiring,
	expiringItem,
	expiringWithin,
	newlyExpiring,
} from '../../../../nodes/DigiCertTrigger/events/certificateExpiring';

const NOW = Date.parse('2026-11-22T15:30:00Z');
const order = (id: number, validTill: string | undefined, status = 'issued') => ({
	id,
	status,
	certificate: {
		common_name: `h${id}.example.com`,
		...(validTill ? { valid_till: validTill } : {}),
	},
});

describe('expiringWithin', () => {
	it('keeps issued, not yet expired certificates within the days, soonest first, with days_remaining', () => {
		const found = expiringWithin(
			[
				order(1, '2026-12-22'),
				order(2, '2026-11-22'),
				order(3, '2026-12-23'),
				order(4, '2026-11-21'),
				order(5, '2026-12-01', 'revoked'),
				order(6, undefined),
			],
			30,
			NOW,
		).expiring;
		expect(found.map((e) => [e.order.id, e.days_remaining])).toEqual([
			[2, 0],
			[1, 30],
		]);
	});

	it('past the cap keeps the soonest', () => {
		const found = expiringWithin(
			[order(1, '2026-12-10'), order(2, '2026-11-30'), order(3, '2026-12-01')],
			30,
			NOW,
			2,
		).expiring;
		expect(found.map((e) => e.order.id)).toEqual([2, 3]);
	});
});

describe('newlyExpiring', () => {
	const within = (orders: ReturnType<typeof order>[], days = 30) =>
		expiringWithin(orders, days, NOW).expiring;

	it('on the first poll records what is already within the threshold and reports nothing', () => {
		const { reports, state } = newlyExpiring(undefined, within([order(1, '2026-12-01')]), 30, NOW);
		expect(reports).toEqual([]);
		expect(state).toEqual({ days: 30, reported: { '1': '2026-12-01' } });
	});

	it('reports an order once when it comes within the threshold, not on later polls', () => {
		const first = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-01' } },
			within([order(1, '2026-12-01'), order(2, '2026-12-20')]),
			30,
			NOW,
		);
		expect(first.reports.map((e) => e.order.id)).toEqual([2]);
		const second = newlyExpiring(
			first.state,
			within([order(1, '2026-12-01'), order(2, '2026-12-20')]),
			30,
			NOW,
		);
		expect(second.reports).toEqual([]);
	});

	it('remembers a report until its certificate expires, even while the order is not listed (a list read while it shifted, a renewal)', () => {
		const unlisted = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-01' } },
			within([]),
			30,
			NOW,
		);
		expect(unlisted.state.reported).toEqual({ '1': '2026-12-01' });
		expect(
			newlyExpiring(unlisted.state, within([order(1, '2026-12-01')]), 30, NOW).reports,
		).toEqual([]);
		const expired = newlyExpiring(
			{ days: 30, reported: { '1': '2026-11-21', '2': '2026-11-22' } },
			within([]),
			30,
			NOW,
		);
		expect(expired.state.reported).toEqual({ '2': '2026-11-22' });
	});

	it('reports a new certificate on the same order (another valid_till)', () => {
		const newCertificate = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-01' } },
			within([order(1, '2026-12-15')]),
			30,
			NOW,
		);
		expect(newCertificate.reports.map((e) => e.valid_till)).toEqual(['2026-12-15']);
		expect(newCertificate.state.reported).toEqual({ '1': '2026-12-15' });
	});

	it('past the cap remembers the soonest to expire', () => {
		const { state } = newlyExpiring(
			{ days: 30, reported: { '1': '2026-12-20', '2': '2026-11-25' } },
			within([order(3, '2026-12-01')]),
			30,
			NOW,
			2,
		);
		expect(state.reported).toEqual({ '2': '2026-11-25', '3': '2026-12-01' });
	});

	it('treats a changed threshold as a new baseline (nothing reported at once)', () => {
		const { reports, state } = newlyExpiring(
			{ days: 30, reported: {} },
			within([order(1, '2026-12-01')], 60),
			60,
			NOW,
		);
		expect(reports).toEqual([]);
		expect(state).toEqual({ days: 60, reported: { '1': '2026-12-01' } });
	});
});

describe('certificateExpiring', () => {
	it('shapes an item for notifications', () => {
		const [entry] = expiringWithin([order(1, '2026-12-01')], 30, NOW).expiring;
		expect(expiringItem(entry, 30)).toEqual({
			event: 'certificateExpiring',
			orderId: 1,
			common_name: 'h1.example.com',
			valid_till: '2026-12-01',
			days_remaining: 9,
			threshold_days: 30,
			order: entry.order,
		});
	});

	it('reads Days as a whole number from 0 to 2000', () => {
		const read =
			(days: unknown) =>
			<T>(_name: string, fallback?: T) =>
				(days ?? fallback) as T;
		expect(certificateExpiring.readParameters(read(7))).toEqual({ days: 7 });
		expect(certificateExpiring.readParameters(read('14'))).toEqual({ days: 14 });
		expect(() => certificateExpiring.readParameters(read(1.5))).toThrow(
			'Days must be a whole number from 0 to 2000, but it is 1.5',
		);
		expect(() => certificateExpiring.readParameters(read(''))).toThrow(/Days must be/);
	});
});
