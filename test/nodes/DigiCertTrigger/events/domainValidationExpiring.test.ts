/**
 * Domain Validation Expiring, poll by poll, without the engine: an in-memory DigiCert and an
 * injected clock. Real polls against the fake are in ../DigiCertTrigger.node.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { domainValidationExpiring } from '../../../../nodes/DigiCertTrigger/events/domainValidationExpiring';
import type { DigiCertSource } from '../../../../nodes/DigiCertTrigger/events/types';
import type { ExpiringState } from '../../../../nodes/DigiCertTrigger/shared/expiring';
import { expiringValidations } from '../../../../nodes/DigiCertTrigger/shared/validationExpiringEvent';
import { domainValidationDates } from '../../../../nodes/common/validationExpiry';
import { isoDay } from '../../../../nodes/common/expiry';
import { reportedValidations } from '../../../helpers/validationExpiring';

const DAY_MS = 86_400_000;
/** Mid-afternoon UTC: already the next day nowhere it matters, and not midnight. */
const NOW = Date.parse('2026-11-22T15:30:00Z');
const day = (days: number, now = NOW) => isoDay(now + days * DAY_MS);

/**
 * A domain as List domains shows it (include_validation=true): `ov`/`ev` = days until that DCV
 * lapses (null: pending, no date yet; a string: given as it is).
 */
function domain(
	id: number,
	dcv: { ov?: number | string | null; ev?: number | string | null },
	extra: IDataObject = {},
): IDataObject {
	const lapses = (v: number | string) => (typeof v === 'number' ? day(v) : v);
	const types = (['ov', 'ev'] as const).filter((t) => dcv[t] !== undefined);
	const validations = types.map((type) => {
		const v = dcv[type];
		return v === null
			? { type, status: 'pending' }
			: { type, validated_until: `${lapses(v!)}T07:00:00+00:00`, status: 'active' };
	});
	const dated = types.filter((t) => dcv[t] !== null);
	return {
		id,
		is_active: true,
		name: `d${id}.example.com`,
		validations,
		...(dated.length > 0
			? { dcv_expiration: Object.fromEntries(dated.map((t) => [t, lapses(dcv[t]!)])) }
			: {}),
		...extra,
	};
}

/** An in-memory DigiCert listing `domains()`, recording what it was asked. */
function sourceOf(domains: () => IDataObject[]) {
	const calls: Array<{ path: string; qs: IDataObject; rootProperty: string }> = [];
	const source: DigiCertSource = {
		list: async (path, qs, rootProperty) => {
			calls.push({ path, qs, rootProperty });
			return domains();
		},
		get: async () => {
			throw new Error('not asked');
		},
		fetch: async () => {
			throw new Error('not asked');
		},
	};
	return { source, calls };
}

/** Polls `domains` after `previous` at `now`: the items (type, expires, days_remaining per validation by domain), the state and the warning. */
async function poll(
	domains: IDataObject[],
	previous: ExpiringState | undefined,
	{ now = NOW, days = 30 } = {},
) {
	const { events, state, warning } = await domainValidationExpiring.poll(
		sourceOf(() => domains).source,
		{ days },
		previous,
		now,
	);
	const reported = reportedValidations(events);
	return { events, reported, state, warning };
}

describe('domainValidationExpiring poll', () => {
	it('asks for every active domain with its validations, all pages', async () => {
		const { source, calls } = sourceOf(() => []);
		await domainValidationExpiring.poll(source, { days: 30 }, undefined, NOW);
		expect(calls).toEqual([
			{
				path: '/domain',
				qs: {
					'filters[status]': 'active',
					include_validation: true,
					'filters[include_validation_reuse_status]': true,
				},
				rootProperty: 'domains',
			},
		]);
	});

	it('on the first poll records the validations already within Days and reports nothing', async () => {
		const { events, state } = await poll(
			[domain(1, { ov: 12, ev: 40 }), domain(2, { ov: 0 })],
			undefined,
		);
		expect(events).toEqual([]);
		expect(state).toEqual({ days: 30, reported: { '1:ov': day(12), '2:ov': day(0) } });
	});

	it('the date edges: lapses today and exactly Days away are in; Days + 1, already lapsed, pending, inactive and unreadable are not', async () => {
		const domains = [
			domain(1, { ov: 0 }),
			domain(2, { ov: 30 }),
			domain(3, { ov: 31 }),
			domain(4, { ov: -1 }),
			domain(5, { ov: null, ev: null }),
			domain(6, { ov: 5 }, { is_active: false }),
			domain(7, { ov: 'soon', ev: 3 }),
		];
		const { reported, warning } = await poll(domains, { days: 30, reported: {} });
		expect(reported).toEqual([
			[1, 'ov:0'],
			[7, 'ev:3'],
			[2, 'ov:30'],
		]);
		expect(warning).toBe(
			'One validation expiry from DigiCert could not be read as a date and was left out of the audit (d7.example.com, ID 7: OV expires a text of 4 characters). Check these domains in CertCentral.',
		);
	});

	it('counts whole days in UTC, whatever the hour: one minute before midnight a validation lapsing tomorrow is 1 day away', async () => {
		const late = Date.parse('2026-11-22T23:59:00Z');
		const { reported } = await poll(
			[domain(1, { ov: '2026-11-23' }), domain(2, { ov: '2026-11-22' })],
			{ days: 1, reported: {} },
			{ now: late, days: 1 },
		);
		expect(reported).toEqual([
			[2, 'ov:0'],
			[1, 'ov:1'],
		]);
	});

	it('reports each validation once as it comes within Days: nothing on an idle poll, nothing twice', async () => {
		const domains = [domain(1, { ov: 12, ev: 40 })];
		const first = await poll(domains, undefined);
		expect((await poll(domains, first.state)).events).toEqual([]);
		// 10 days on, EV comes within 30 days: only EV is reported, OV was already.
		const later = NOW + 10 * DAY_MS;
		const crossed = await poll(domains, first.state, { now: later });
		expect(crossed.reported).toEqual([[1, 'ev:30']]);
		expect(crossed.state.reported).toEqual({ '1:ov': day(12), '1:ev': day(40) });
		expect((await poll(domains, crossed.state, { now: later + DAY_MS })).events).toEqual([]);
	});

	it('gives one item per domain, shaped like Get Expiring Validations, with the validations that came within Days', async () => {
		const example = domain(1, { ov: 12, ev: 12 });
		const { events } = await poll([example], { days: 30, reported: {} });
		expect(events).toEqual([
			{
				event: 'domainValidationExpiring',
				...example,
				validation_type: 'ev',
				expires: day(12),
				days_remaining: 12,
				expiring_validations: [
					{ type: 'ev', expires: day(12), days_remaining: 12 },
					{ type: 'ov', expires: day(12), days_remaining: 12 },
				],
				threshold_days: 30,
			},
		]);
	});

	it("names its event even when DigiCert's record has a field of the same name (a Switch on event stays right)", async () => {
		const { events } = await poll(
			[domain(1, { ov: 12 }, { event: 'certificateExpiring', threshold_days: 1 })],
			{ days: 30, reported: {} },
		);
		expect(events[0]).toMatchObject({ event: 'domainValidationExpiring', threshold_days: 30 });
	});

	it('orders the items soonest first, ties by domain ID, whatever order DigiCert lists them in', async () => {
		const { reported } = await poll(
			[
				domain(30, { ov: 9 }),
				domain(4, { ov: 20, ev: 2 }),
				domain(12, { ov: 9 }),
				domain(7, { ov: 9 }),
			],
			{ days: 30, reported: {} },
		);
		expect(reported).toEqual([
			[4, 'ev:2 ov:20'],
			[7, 'ov:9'],
			[12, 'ov:9'],
			[30, 'ov:9'],
		]);
	});

	it('a renewed DCV (a new expiry far away) reports nothing; when the new one comes within Days it is reported again', async () => {
		const reported = { '1:ov': day(5) };
		const renewed = await poll([domain(1, { ov: 199 })], { days: 30, reported });
		expect(renewed.events).toEqual([]);
		// Remembered until the old date: a list that missed the domain once does not make it new again.
		expect(renewed.state.reported).toEqual(reported);
		const months = NOW + 175 * DAY_MS;
		const again = await poll([domain(1, { ov: 199 })], renewed.state, { now: months });
		expect(again.reported).toEqual([[1, 'ov:24']]);
		expect(again.state.reported).toEqual({ '1:ov': day(199) });
	});

	it('past the cap (MAX_REMEMBERED) keeps the soonest validations; the later ones wait until they are among them', () => {
		const { expiring } = expiringValidations(
			[domain(1, { ov: 20, ev: 2 }), domain(2, { ov: 9 }), domain(3, { ov: 1 })],
			30,
			NOW,
			domainValidationDates,
			2,
		);
		expect(expiring.map(({ record, validation }) => `${record.id}:${validation.type}`)).toEqual([
			'3:ov',
			'1:ev',
		]);
	});

	it('a report is forgotten the day after its DCV lapsed', async () => {
		const { state } = await poll([], { days: 30, reported: { '1:ov': day(-1), '2:ov': day(0) } });
		expect(state.reported).toEqual({ '2:ov': day(0) });
	});

	it('a changed threshold starts a new baseline (nothing reported at once)', async () => {
		const { events, state } = await poll(
			[domain(1, { ov: 50 })],
			{ days: 30, reported: {} },
			{ days: 60 },
		);
		expect(events).toEqual([]);
		expect(state).toEqual({ days: 60, reported: { '1:ov': day(50) } });
	});

	it('leaves out, rather than remembers, a domain without an ID or a validation type that cannot be a key', async () => {
		const odd = {
			...domain(2, {}),
			validations: [
				{ type: 'ov:x', validated_until: `${day(3)}T07:00:00+00:00`, status: 'active' },
			],
		};
		const { reported, state, warning } = await poll(
			[domain(1, { ov: 3 }, { id: 'abc' }), odd, domain(3, { ov: 4 })],
			{ days: 30, reported: {} },
		);
		expect(reported).toEqual([[3, 'ov:4']]);
		expect(domainValidationExpiring.readState(state)).toEqual(state);
		// Not silently: the user is told which domains to look at.
		expect(warning).toBe(
			'2 validations within Days were left out because DigiCert gave no usable ID or validation type (a code of letters, digits, _ or -) ' +
				'for them (d1.example.com, ID abc; d2.example.com, ID 2). Check these domains in CertCentral.',
		);
	});
});

describe('domainValidationExpiring state', () => {
	it('reads back what it wrote, and nothing malformed', () => {
		const read = domainValidationExpiring.readState.bind(domainValidationExpiring);
		expect(
			read({ v: 1, days: 30, reported: { '12:ov': '2026-12-01', '12:ev_cs': '2026-12-02' } }),
		).toEqual({
			days: 30,
			reported: { '12:ov': '2026-12-01', '12:ev_cs': '2026-12-02' },
		});
		for (const junk of [
			{ days: 30, reported: { '12': '2026-12-01' } },
			{ days: 30, reported: { 'abc:ov': '2026-12-01' } },
			{ days: 30, reported: { '12:': '2026-12-01' } },
			{ days: 30, reported: { '12:ov:ev': '2026-12-01' } },
			{ days: 30, reported: { '12:ov': 'soon' } },
			{ days: 30, reported: { '12:ov': '2026-02-30' } },
			{ days: 2001, reported: {} },
			{ days: 30, reported: [] },
			'junk',
			undefined,
		]) {
			expect(read(junk)).toBeUndefined();
		}
	});
});

describe('domainValidationExpiring manual run', () => {
	it('shows the domain whose DCV lapses soonest, with all its validations within Days', async () => {
		const { source } = sourceOf(() => [domain(2, { ov: 9 }), domain(1, { ov: 20, ev: 3 })]);
		const items = await domainValidationExpiring.sample(source, { days: 30 }, NOW);
		expect(
			items.map((i) => [
				i.id,
				i.validation_type,
				i.days_remaining,
				(i.expiring_validations as IDataObject[]).length,
			]),
		).toEqual([[1, 'ev', 3, 2]]);
	});

	it('on an account with nothing within Days shows one representative domain, marked sample: true', async () => {
		const { source } = sourceOf(() => [domain(1, { ov: 90 })]);
		const [item] = await domainValidationExpiring.sample(source, { days: 14 }, NOW);
		expect(item).toMatchObject({
			event: 'domainValidationExpiring',
			name: 'example.com',
			dcv_expiration: { ov: day(14) },
			validation_type: 'ov',
			expires: day(14),
			days_remaining: 14,
			expiring_validations: [{ type: 'ov', expires: day(14), days_remaining: 14 }],
			threshold_days: 14,
			sample: true,
		});
	});

	it('reads Days as a whole number from 0 to 2000', () => {
		const read =
			(days: unknown) =>
			<T>(_name: string, fallback?: T) =>
				(days ?? fallback) as T;
		expect(domainValidationExpiring.readParameters(read('7'))).toEqual({
			days: 7,
			qs: {
				'filters[status]': 'active',
				include_validation: true,
				'filters[include_validation_reuse_status]': true,
			},
		});
		// From trigger typeVersion 1.1, DCV expiry comes as UTC times.
		expect(domainValidationExpiring.readParameters(read('7'), { typeVersion: 1.1 }).qs).toEqual({
			'filters[status]': 'active',
			include_validation: true,
			'filters[include_validation_reuse_status]': true,
			include_dcv_expiration_time: true,
		});
		expect(() => domainValidationExpiring.readParameters(read(-1))).toThrow(
			'Days must be a whole number from 0 to 2000, but it is -1',
		);
	});
});
