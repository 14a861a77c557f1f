/**
 * The expiring events' shared state (Certificate Expiring, Domain and Organization Validation
 * Expiring): what the events' own tests cannot reach without thousands of records.
 */
import type { ExpiryKey } from '../../../../nodes/DigiCertTrigger/shared/expiring';
import { newlyWithin } from '../../../../nodes/DigiCertTrigger/shared/expiring';

const NOW = Date.parse('2026-11-22T15:30:00Z');

interface Entry {
	key: string;
	expires: string;
}
const byKey: ExpiryKey<Entry> = (entry) => entry;

describe('newlyWithin', () => {
	it('at the cap keeps what is listed now before unlisted reports, so a listed entry is not reported on every poll', () => {
		// "1" was reported, then renewed (no longer listed); its report is kept until its old expiry, the soonest.
		const previous = { days: 30, reported: { '1': '2026-11-23', '2': '2026-12-01' } };
		const listed = [
			{ key: '2', expires: '2026-12-01' },
			{ key: '3', expires: '2026-12-05' },
		];
		const first = newlyWithin(previous, listed, byKey, 30, NOW, 2);
		expect(first.reports.map((e) => e.key)).toEqual(['3']);
		const second = newlyWithin(first.state, listed, byKey, 30, NOW, 2);
		expect(second.reports).toEqual([]);
		expect(second.state.reported).toEqual({ '2': '2026-12-01', '3': '2026-12-05' });
	});

	it('reports an entry listed twice in one poll once (a list that shifted, an ID given as number and as text)', () => {
		const twice = [
			{ key: '5', expires: '2026-12-01' },
			{ key: '5', expires: '2026-12-01' },
		];
		expect(newlyWithin({ days: 30, reported: {} }, twice, byKey, 30, NOW).reports).toHaveLength(1);
	});
});
