/**
 * Order Status Changed after more than 7 days without a poll: the gap before DigiCert's 7-day window
 * is backfilled with `filters[status_last_updated]` (Mountain Time), in ranges DigiCert accepts,
 * de-duplicated against the 7-day window and the remembered state; each change once, oldest first,
 * marked as backfilled. Through the engine, against the fake (which reads the ranges as DigiCert's
 * page says: Mountain Time, at most 7 days, orders that changed again after the range left out).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';

import { credentialFor } from '../../../helpers/fake';
import { ActiveTrigger, triggerNode } from '../../../helpers/poll';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { clock } from '../../../../nodes/common/clock';
import { STATE_VERSION } from '../../../../nodes/DigiCertTrigger/shared/state';
import { mountainTime } from '../../../../nodes/DigiCertTrigger/shared/mountainTime';
import {
	BACKFILL_CHUNK_MS,
	backfillRanges,
	MAX_BACKFILL_DAYS,
	statusLastUpdatedFilter,
} from '../../../../nodes/DigiCertTrigger/events/orderStatusChanged';

type Window = { from: number; to: number; ranged: boolean } | { error: { body: IDataObject } };
const { fromMountain, statusChangeWindow } = require('../../../fake-certcentral/queries') as {
	fromMountain(wall: number): number;
	statusChangeWindow(query: Record<string, string>, now: number): Window;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NODE_KEY = 'node:DigiCert Trigger';

describe('mountainTime: DigiCert’s Mountain Time, DST included, without a dependency', () => {
	it('is UTC-6 in summer and UTC-7 in winter, and steps back an hour when DST ends (1 Nov 2026)', () => {
		expect(mountainTime(Date.parse('2026-07-01T18:00:00Z'))).toBe('2026-07-01 12:00:00');
		expect(mountainTime(Date.parse('2026-01-01T00:00:00Z'))).toBe('2025-12-31 17:00:00');
		expect(mountainTime(Date.parse('2026-11-01T07:59:59Z'))).toBe('2026-11-01 01:59:59');
		expect(mountainTime(Date.parse('2026-11-01T08:00:00Z'))).toBe('2026-11-01 01:00:00');
		expect(mountainTime(Date.parse('2026-11-01T09:00:00Z'))).toBe('2026-11-01 02:00:00');
	});

	it('skips the hour when DST begins (8 Mar 2026), and the fake reads each time back', () => {
		expect(mountainTime(Date.parse('2026-03-08T08:59:59Z'))).toBe('2026-03-08 01:59:59');
		expect(mountainTime(Date.parse('2026-03-08T09:00:00Z'))).toBe('2026-03-08 03:00:00');
		const wall = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
		for (const iso of [
			'2026-03-08T08:59:59Z',
			'2026-03-08T09:00:00Z',
			'2026-07-01T18:00:00Z',
			'2026-11-01T07:30:00Z',
			'2026-11-01T09:30:00Z',
		])
			expect(new Date(fromMountain(wall(mountainTime(Date.parse(iso))))).toISOString()).toBe(
				new Date(iso).toISOString(),
			);
	});
});

describe('the fake reads filters[status_last_updated] as DigiCert’s page says', () => {
	const now = Date.parse('2026-12-01T12:00:00Z');
	const window = (filter: string) =>
		statusChangeWindow({ 'filters[status_last_updated]': filter }, now);
	const code = (answer: Window) =>
		'error' in answer ? (answer.error.body.errors as IDataObject[])[0].code : 'ok';

	it('takes the page’s example (days, the end day included) and yyyy-MM-dd HH:mm:ss, in Mountain Time', () => {
		expect(window('2023-01-01...2023-01-07')).toEqual({
			from: Date.parse('2023-01-01T07:00:00Z'),
			to: Date.parse('2023-01-08T06:59:59.999Z'),
			ranged: true,
		});
		expect(window('2026-07-01 12:00:00...2026-07-02 12:00:00')).toMatchObject({
			from: Date.parse('2026-07-01T18:00:00Z'),
			to: Date.parse('2026-07-02T18:00:00.999Z'),
		});
	});

	it('refuses malformed ranges and ranges over 7 days (on either clock, across a DST change too)', () => {
		for (const bad of [
			'2026-07-01',
			'2026-07-01..2026-07-02',
			'2026-07-01T00:00:00...2026-07-02',
			'2026-07-01 00:00:00Z...2026-07-02',
			'2026-02-30...2026-03-01',
			'2026-07-03...2026-07-01',
		])
			expect([bad, code(window(bad))]).toEqual([bad, 'invalid_filter']);
		expect(code(window('2026-07-01...2026-07-08'))).toBe('time_frame_too_long');
		// 7 days on the clock but 7 days and an hour elapsed: DST ended on 1 Nov.
		expect(code(window('2026-10-30 00:00:00...2026-11-06 00:00:00'))).toBe('time_frame_too_long');
		expect(code(window('2026-10-30 01:00:00...2026-11-06 00:00:00'))).toBe('ok');
	});
});

describe('backfillRanges', () => {
	const now = Date.parse('2026-11-20T17:00:00Z');

	it('asks for nothing when the last poll is within the 7 days', () => {
		expect(backfillRanges(now - 6 * DAY, now)).toEqual({ ranges: [], cut: false });
	});

	it('covers the gap in overlapping ranges of at most 6 days, up to an hour into the 7-day window', () => {
		const since = now - 20 * DAY;
		const { ranges, cut } = backfillRanges(since, now);
		expect(cut).toBe(false);
		expect(ranges[0].from).toBeLessThan(since - 5 * 60_000);
		expect(ranges.at(-1)!.to).toBe(now - 7 * DAY + HOUR);
		for (const [i, range] of ranges.entries()) {
			expect(range.to - range.from).toBeLessThanOrEqual(BACKFILL_CHUNK_MS);
			if (i > 0) expect(range.from).toBe(ranges[i - 1].to - HOUR);
		}
		expect(ranges).toHaveLength(3);
	});

	it(`reaches back at most ${MAX_BACKFILL_DAYS} days before the 7-day window, and says it cut`, () => {
		const { ranges, cut } = backfillRanges(0, now);
		expect(cut).toBe(true);
		expect(ranges[0].from).toBe(now - 7 * DAY - MAX_BACKFILL_DAYS * DAY);
		expect(ranges).toHaveLength(16);
	});

	it('writes each range in Mountain Time to the second, which the fake accepts (across DST)', () => {
		for (const range of backfillRanges(now - 40 * DAY, now).ranges) {
			const answer = statusChangeWindow(
				{ 'filters[status_last_updated]': statusLastUpdatedFilter(range) },
				now,
			);
			expect(answer).toMatchObject({ ranged: true });
			const { from, to } = answer as { from: number; to: number };
			expect(from).toBeLessThanOrEqual(range.from);
			expect(to).toBeGreaterThanOrEqual(range.to);
		}
	});
});

describe('Order Status Changed backfills a gap of more than 7 days (trigger typeVersion 1.1)', () => {
	const server = useFakeCertCentral({ fresh: true });
	// DST ended on 1 Nov 2026, inside the gap.
	const now = Date.parse('2026-11-20T17:00:00Z');
	const since = now - 20 * DAY;
	beforeEach(() => {
		server.data.setNow(now);
		jest.spyOn(clock, 'now').mockReturnValue(now);
		server.data.orderStatusChanges.length = 0;
	});
	afterEach(() => jest.restoreAllMocks());
	const json = (items: INodeExecutionData[] | undefined) => (items ?? []).map((i) => i.json);
	const pending = () =>
		[...server.data.orders.values()]
			.filter((o: any) => o.status === 'pending')
			.map((o: any) => o.id);
	/** A trigger whose last poll was at `since`, remembering `seen` (what that poll reported). */
	const restarted = (parameters: IDataObject, seen: IDataObject, typeVersion = 1.1) =>
		new ActiveTrigger(
			triggerNode(
				{ event: 'orderStatusChanged', includeOrderDetails: false, ...parameters },
				typeVersion,
			),
			credentialFor(server),
			{ [NODE_KEY]: { orderStatusChanged: { v: STATE_VERSION, since, seen } } },
		);

	const cert = (id: number) => (server.data.orders.get(id) as any).certificate.id;
	/** After a backfill, the next poll asks the normal 5-minute window, reports nothing twice and warns no more. */
	const expectNextPollQuiet = async (trigger: ActiveTrigger, warn: jest.SpyInstance) => {
		warn.mockClear();
		server.reset();
		expect(await trigger.poll()).toEqual({});
		expect(server.requests.map((r) => r.query)).toEqual([
			{ minutes: '5', offset: '0', limit: '1000' },
		]);
		expect(warn).not.toHaveBeenCalled();
	};

	it('emits each change of the gap once, oldest first, marked as backfilled; then the 7-day window', async () => {
		const [seenBefore, early, changedAgain, nearDst, recent] = pending();
		// In time order, as DigiCert records them.
		server.data.setOrderStatus(seenBefore, 'issued', { time: since - 2 * 60_000 });
		server.data.setOrderStatus(early, 'issued', { time: since + 1 * DAY });
		server.data.setOrderStatus(changedAgain, 'issued', { time: since + 2 * DAY });
		server.data.setOrderStatus(nearDst, 'canceled', { time: Date.parse('2026-11-01T08:30:00Z') });
		server.data.setOrderStatus(changedAgain, 'revoked', { time: now - 3 * DAY });
		server.data.setOrderStatus(recent, 'issued', { time: now - 1 * DAY });
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const trigger = restarted({}, { [`${seenBefore}:${cert(seenBefore)}:issued`]: since });
		server.reset();

		const result = await trigger.activate('init');
		expect(result.error).toBeUndefined();

		const asked = server.requests.map((r) => r.query);
		const { ranges } = backfillRanges(since, now);
		expect(asked).toEqual([
			...ranges.map((range) => ({
				'filters[status_last_updated]': statusLastUpdatedFilter(range),
				offset: '0',
				limit: '1000',
			})),
			{ minutes: '10080', offset: '0', limit: '1000' },
		]);
		// Mountain Time on the wire: the first range starts 20 days, 5 minutes and an hour before now
		// (MDT, UTC-6) and ends 6 days later, after DST ended (MST, UTC-7): an hour earlier on the clock.
		expect(asked[0]['filters[status_last_updated]']).toBe(
			'2026-10-31 09:55:00...2026-11-06 08:55:00',
		);
		const backfill = (range: { from: number; to: number }) => ({
			changedAfter: new Date(range.from).toISOString(),
			changedBefore: new Date(range.to).toISOString(),
		});
		expect(json(result.emitted)).toEqual([
			{
				event: 'orderStatusChanged',
				orderId: early,
				certificateId: cert(early),
				status: 'issued',
				backfill: backfill(ranges[0]),
			},
			{
				event: 'orderStatusChanged',
				orderId: nearDst,
				certificateId: cert(nearDst),
				status: 'canceled',
				backfill: backfill(ranges[0]),
			},
			// Its "issued" in the gap is not listed by DigiCert (it changed again): its latest status, once.
			{
				event: 'orderStatusChanged',
				orderId: changedAgain,
				certificateId: cert(changedAgain),
				status: 'revoked',
			},
			{
				event: 'orderStatusChanged',
				orderId: recent,
				certificateId: cert(recent),
				status: 'issued',
			},
		]);
		expect(warn).toHaveBeenCalledWith(
			`DigiCert Trigger "DigiCert Trigger": The last poll was 20 days ago, more than DigiCert's 7-day status-change window: the time before it was backfilled with DigiCert's status_last_updated filter (3 requests, 2 changes not reported before, each marked "backfill" in its item). An order that changed status more than once meanwhile is reported once, with its latest status (DigiCert lists no earlier ones).`,
			{ workflowId: 'trigger-workflow' },
		);

		// The next poll: a normal window, nothing twice.
		await expectNextPollQuiet(trigger, warn);
	});

	it('stops the backfill when DigiCert refuses a range (HTTP 400): keeps what it got, reports the 7-day window, moves on', async () => {
		const [early, later, recent] = pending();
		server.data.setOrderStatus(early, 'issued', { time: since + 1 * DAY });
		server.data.setOrderStatus(later, 'issued', { time: since + 8 * DAY });
		server.data.setOrderStatus(recent, 'issued', { time: now - 1 * DAY });
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const trigger = restarted({}, {});
		server.reset();
		const { ranges } = backfillRanges(since, now);
		const refusedFilter = statusLastUpdatedFilter(ranges[1]);
		server.fail({
			match: (r) => r.query['filters[status_last_updated]'] === refusedFilter,
			respond: {
				status: 400,
				body: {
					errors: [
						{ code: 'invalid_filter', message: 'Invalid value for filter status_last_updated.' },
					],
				},
			},
		});

		const result = await trigger.activate('init');
		expect(result.error).toBeUndefined();
		// The refused range is asked once (a 400 is not retried), no later range, then the 7-day window.
		expect(server.requests.map((r) => r.query)).toEqual([
			{
				'filters[status_last_updated]': statusLastUpdatedFilter(ranges[0]),
				offset: '0',
				limit: '1000',
			},
			{ 'filters[status_last_updated]': refusedFilter, offset: '0', limit: '1000' },
			{ minutes: '10080', offset: '0', limit: '1000' },
		]);
		expect(json(result.emitted).map((j) => [j.orderId, j.certificateId, j.status])).toEqual([
			[early, cert(early), 'issued'],
			[recent, cert(recent), 'issued'],
		]);
		expect(json(result.emitted)[0].backfill).toBeDefined();
		const [[message]] = warn.mock.calls;
		expect(message).toContain('(1 request, one change not reported before');
		expect(message).toContain(
			`The backfill stopped at ${refusedFilter}: DigiCert refused that range (HTTP 400: Invalid value for filter status_last_updated. [invalid_filter]).`,
		);
		expect(message).toContain('were not fetched');

		// State moved on: the next poll is a normal window, no backfill again.
		await expectNextPollQuiet(trigger, warn);
	});

	it('fails the poll as before when a backfill range meets a server error, so the next poll tries again', async () => {
		// The retries' back-off waits (seconds, no abort signal) pass at once; a request's deadline does not.
		const realSleep = workflow.sleep;
		jest
			.spyOn(workflow, 'sleep')
			.mockImplementation(async (ms, signal) =>
				signal === undefined ? undefined : await realSleep(ms, signal),
			);
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const trigger = restarted({}, {});
		server.reset();
		const { ranges } = backfillRanges(since, now);
		const failing = statusLastUpdatedFilter(ranges[1]);
		server.fail({
			match: (r) => r.query['filters[status_last_updated]'] === failing,
			respond: { status: 503, body: { errors: [{ code: 'unavailable', message: 'busy' }] } },
		});
		const result = await trigger.activate('init');
		expect(result.error).toMatchObject({ httpCode: '503' });
		expect(warn).not.toHaveBeenCalled();

		// Nothing was saved: the next poll asks for the backfill again.
		server.reset();
		const retried = await trigger.poll();
		expect(retried.error).toBeUndefined();
		expect(server.requests.map((r) => r.query)).toHaveLength(ranges.length + 1);
		expect(server.requests[0].query['filters[status_last_updated]']).toBe(
			statusLastUpdatedFilter(ranges[0]),
		);
	});

	it('keeps typeVersion 1 nodes as they were: the 7-day window and a warning, unless Backfill is turned on', async () => {
		const [early] = pending();
		server.data.setOrderStatus(early, 'issued', { time: since + DAY });
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const old = restarted({}, {}, 1);
		server.reset();
		expect(await old.activate('init')).toEqual({});
		expect(server.requests.map((r) => r.query)).toEqual([
			{ minutes: '10080', offset: '0', limit: '1000' },
		]);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not be fetched'), {
			workflowId: 'trigger-workflow',
		});

		const optedIn = restarted({ backfill: true }, {}, 1);
		server.reset();
		const result = await optedIn.activate('init');
		expect(json(result.emitted).map((j) => [j.orderId, j.status])).toEqual([[early, 'issued']]);
	});
});
