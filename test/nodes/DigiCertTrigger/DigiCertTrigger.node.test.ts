/**
 * The DigiCert Trigger through n8n-core's poll machinery (PollContext + PollTriggerExecutor) against
 * the fake CertCentral, across several polls: the activation poll, idle polls, changes, restarts
 * (a new Workflow from the static data n8n would have saved), handing over to another worker, and
 * manual test runs. Each test asserts what reached the fake and exactly what was emitted.
 * Over 300 lines on purpose: each scenario needs several real polls; each event's own logic is tested
 * without the engine under events/.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../../helpers/engine';
import { credentialFor, fakeData } from '../../helpers/fake';
import { expectNoKey } from '../../helpers/secrets';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import { startHostileServer } from '../../helpers/hostileServer';
import { ActiveTrigger, triggerNode } from '../../helpers/poll';
import { clock } from '../../../nodes/common/clock';

const DAY_MS = 86_400_000;
const NODE_KEY = 'node:DigiCert Trigger';

const server = useFakeCertCentral();
/** The moment the polls run at, for n8n and the fake alike (pinned: no race with midnight). */
let now: number;
beforeEach(() => {
	now = Date.now();
	server.data.setNow(now);
	jest.spyOn(clock, 'now').mockReturnValue(now);
});
afterEach(() => {
	jest.restoreAllMocks();
	server.data.listOrder = 'id';
});

const { isoDate } = fakeData;
const sent = () =>
	server.requests.map((r) => ({
		method: r.method,
		path: r.path.replace('/services/v2', ''),
		query: r.query,
	}));
const json = (items: INodeExecutionData[] | undefined) => (items ?? []).map((item) => item.json);
const requestsWith = (status: string): number[] =>
	[...server.data.requests.values()]
		.filter((r: any) => r.status === status)
		.map((r: any) => r.id)
		.sort((a: number, b: number) => a - b);
const activeTrigger = (parameters: INodeParameters, staticData?: IDataObject) =>
	new ActiveTrigger(triggerNode(parameters), credentialFor(server), staticData);

describe('requestPending', () => {
	const parameters = { event: 'requestPending' };

	it('records the pending requests on activation, emits nothing when idle, then exactly the new ones', async () => {
		const trigger = activeTrigger(parameters);
		expect(await trigger.activate()).toEqual({});
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/request',
				query: { 'filters[status]': 'pending', offset: '0', limit: '1000' },
			},
		]);
		expect(server.requests[0].headers['x-dc-devkey']).toBe(server.apiKey);
		expect(trigger.nodeStaticData().requestPending).toEqual({
			v: 1,
			pending: requestsWith('pending'),
			floor: 0,
		});
		// n8n saves the static data after activation: a restart starts from here.
		expect((trigger.saved[NODE_KEY] as IDataObject).requestPending).toBeDefined();

		server.reset();
		expect(await trigger.poll()).toEqual({});
		expect(sent()).toHaveLength(1);
		expect(trigger.workflow.staticData.__dataChanged).toBe(false);

		const first = server.data.addRequest();
		const second = server.data.addRequest({ type: 'revoke' });
		server.data.setRequestStatus(requestsWith('pending')[0], 'approved'); // decided: not this event's business
		const changed = await trigger.poll();
		expect(changed.error).toBeUndefined();
		expect(json(changed.emitted).map((j) => j.requestId)).toEqual([first.id, second.id]);
		expect(changed.emitted![0]).toEqual({
			json: {
				event: 'requestPending',
				requestId: first.id,
				status: 'pending',
				request: expect.objectContaining({
					id: first.id,
					type: 'new_request',
					status: 'pending',
					order: expect.objectContaining({ id: first.order.id }),
				}),
			},
			pairedItem: { item: 0 },
		});
		expect(changed.emitted![1].pairedItem).toEqual({ item: 1 });
		expectNoKey(changed, server.apiKey);

		expect(await trigger.poll()).toEqual({});
	});

	it('loses and repeats nothing when the pending list spans pages', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const added = Array.from({ length: 600 }, () => server.data.addRequest().id);
		const pending = requestsWith('pending');
		expect(pending.length).toBeGreaterThan(1000);
		server.reset();
		const result = await trigger.poll();
		expect(sent().map((r) => r.query.offset)).toEqual(['0', '1000']);
		expect(json(result.emitted).map((j) => j.requestId)).toEqual(added);
		expect((trigger.nodeStaticData().requestPending as IDataObject).pending).toEqual(pending);
		for (const id of added) server.data.setRequestStatus(id, 'rejected');
	});

	it('after a restart reports what changed while n8n was down, and nothing twice', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const before = server.data.addRequest();
		expect(json((await trigger.poll()).emitted).map((j) => j.requestId)).toEqual([before.id]);
		// Idle polls change the state in memory only (n8n saves static data when a poll emits).
		server.data.setRequestStatus(before.id, 'approved');
		expect(await trigger.poll()).toEqual({});

		const duringDowntime = server.data.addRequest();
		const restarted = trigger.restart();
		const activation = await restarted.activate('init');
		expect(json(activation.emitted).map((j) => j.requestId)).toEqual([duringDowntime.id]);
		expect(await restarted.poll()).toEqual({});

		// Restarting again from what was saved then: still nothing old.
		const again = restarted.restart();
		expect(await again.activate('init')).toEqual({});
	});

	it('works when every poll runs on another worker (a new Workflow from the static data)', async () => {
		let trigger = activeTrigger(parameters);
		await trigger.activate();
		const seen: unknown[] = [];
		for (let i = 0; i < 3; i++) {
			const request = server.data.addRequest();
			trigger = trigger.handOver();
			seen.push(...json((await trigger.poll()).emitted).map((j) => j.requestId));
			trigger = trigger.handOver();
			expect(await trigger.poll()).toEqual({});
			expect(seen).toContain(request.id);
		}
		expect(new Set(seen).size).toBe(3);
		expect(seen).toHaveLength(3);
	});

	it('a failed poll reports the error to n8n, keeps the state, and the next poll carries on', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const state = trigger.nodeStaticData();
		const request = server.data.addRequest();
		server.fail({
			times: 1,
			respond: {
				status: 403,
				body: {
					errors: [
						{
							code: 'access_denied|access_denied_invalid_key',
							message: 'Access denied due to access_denied_invalid_key.',
						},
					],
				},
			},
		});
		const failed = await trigger.poll();
		expect(failed.emitted).toBeUndefined();
		expect(failed.error?.message).toBe('DigiCert rejected the API key');
		expectNoKey(failed.error, server.apiKey);
		expect(trigger.nodeStaticData()).toEqual(state);
		expect(json((await trigger.poll()).emitted).map((j) => j.requestId)).toEqual([request.id]);
	});

	it('a poll answered with a redirect fails without following it: the key never reaches the other host, and the state is kept', async () => {
		const elsewhere = await startHostileServer();
		try {
			const trigger = activeTrigger(parameters);
			await trigger.activate();
			const state = trigger.nodeStaticData();
			server.reset();
			const target = `${elsewhere.origin}/services/v2/request`;
			server.fail({ times: 1, respond: { status: 302, headers: { location: target } } });
			const failed = await trigger.poll();
			expect(sent()).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
			expect(failed.emitted).toBeUndefined();
			expect(failed.error?.message).toBe(
				`DigiCert answered unexpectedly: HTTP 302 with a redirect to ${target}, which is not followed so the API key stays with DigiCert`,
			);
			expectNoKey(failed.error, server.apiKey);
			expect(trigger.nodeStaticData()).toEqual(state);
		} finally {
			await elsewhere.close();
		}
	});

	it('a manual test run returns the newest pending request and leaves the state alone', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const state = trigger.nodeStaticData();
		server.data.addRequest(); // would be an event for the next real poll
		const newest = requestsWith('pending').at(-1);
		server.reset();
		const output = await trigger.manual();
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/request',
				query: { 'filters[status]': 'pending', offset: '0', limit: '1000' },
			},
		]);
		expect(output).toEqual([
			[
				{
					json: expect.objectContaining({
						event: 'requestPending',
						requestId: newest,
						status: 'pending',
					}),
					pairedItem: { item: 0 },
				},
			],
		]);
		expect(trigger.nodeStaticData()).toEqual(state);
		expect(trigger.workflow.staticData.__dataChanged).toBe(false);
		expect(json((await trigger.poll()).emitted).map((j) => j.requestId)).toEqual([newest]);
	});

	it('whatever order DigiCert lists pending requests in, a poll emits the new ones once and a manual run shows the newest', async () => {
		server.data.listOrder = 'scrambled';
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const added = Array.from({ length: 1200 }, () => server.data.addRequest().id as number);
		expect(json((await trigger.poll()).emitted).map((j) => j.requestId)).toEqual(added);
		expect(await trigger.poll()).toEqual({});
		const [[item]] = (await trigger.manual())!;
		expect(item.json.requestId).toBe(added.at(-1));
		// The other tests share this account: the pending list back to one page.
		for (const id of added) server.data.setRequestStatus(id, 'rejected');
	});

	it('a manual test run on an account with nothing pending shows one representative item', async () => {
		server.fail({
			times: 1,
			respond: { status: 200, body: { page: { total: 0, limit: 1, offset: 0 } } },
		});
		const output = await activeTrigger(parameters).manual();
		expect(output).toHaveLength(1);
		expect(output![0]).toEqual([
			{
				json: expect.objectContaining({
					event: 'requestPending',
					requestId: 198,
					status: 'pending',
					sample: true,
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	it("a manual run through n8n's WorkflowExecute outputs the sample", async () => {
		const result = await runWorkflow([triggerNode(parameters)], {
			credentials: credentialFor(server),
		});
		expect(result.error).toBeUndefined();
		const items = result.items('DigiCert Trigger');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			event: 'requestPending',
			requestId: requestsWith('pending').at(-1),
		});
	});
});

describe('requestStatusChanged', () => {
	const parameters = { event: 'requestStatusChanged' };

	it('reports decided and moved requests with previous_status, looking up only those that left the open lists', async () => {
		const trigger = activeTrigger(parameters);
		expect(await trigger.activate()).toEqual({});
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/request',
				query: { 'filters[status]': 'submitted', offset: '0', limit: '1000' },
			},
			{
				method: 'GET',
				path: '/request',
				query: { 'filters[status]': 'pending', offset: '0', limit: '1000' },
			},
		]);
		const open = (trigger.nodeStaticData().requestStatusChanged as IDataObject).open as Record<
			string,
			string
		>;
		expect(
			Object.keys(open)
				.map(Number)
				.sort((a, b) => a - b),
		).toEqual([...requestsWith('submitted'), ...requestsWith('pending')].sort((a, b) => a - b));

		server.reset();
		expect(await trigger.poll()).toEqual({});
		expect(sent().filter((r) => r.path !== '/request')).toEqual([]);

		const rejected = requestsWith('pending')[3];
		const moved = requestsWith('submitted')[2];
		server.data.setRequestStatus(rejected, 'rejected', { comment: 'Wrong organization' });
		server.data.setRequestStatus(moved, 'pending');
		server.reset();
		const result = await trigger.poll();
		const expected = [
			{ requestId: rejected, status: 'rejected', previous_status: 'pending' },
			{ requestId: moved, status: 'pending', previous_status: 'submitted' },
		].sort((a, b) => a.requestId - b.requestId);
		expect(
			json(result.emitted).map(({ requestId, status, previous_status }) => ({
				requestId,
				status,
				previous_status,
			})),
		).toEqual(expected);
		const rejectedItem = json(result.emitted).find((j) => j.requestId === rejected)!;
		expect(rejectedItem).toMatchObject({
			event: 'requestStatusChanged',
			request: { id: rejected, processor_comment: 'Wrong organization' },
		});
		expect(sent().filter((r) => r.path !== '/request')).toEqual([
			{ method: 'GET', path: `/request/${rejected}`, query: {} },
		]);
		expect(result.emitted!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		expect(await trigger.poll()).toEqual({});
		server.data.addRequest(); // a new request is not a status change
		expect(await trigger.poll()).toEqual({});
	});

	it('after a restart reports decisions made while n8n was down, and nothing twice', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const approved = requestsWith('pending')[0];
		server.data.setRequestStatus(approved, 'approved');
		expect(json((await trigger.poll()).emitted).map((j) => j.requestId)).toEqual([approved]);

		const duringDowntime = requestsWith('pending')[0];
		server.data.setRequestStatus(duringDowntime, 'rejected');
		const restarted = trigger.restart();
		expect(
			json((await restarted.activate('init')).emitted).map((j) => [
				j.requestId,
				j.previous_status,
				j.status,
			]),
		).toEqual([[duringDowntime, 'pending', 'rejected']]);
		expect(await restarted.poll()).toEqual({});
		expect(await restarted.restart().activate('init')).toEqual({});
	});

	it('forgets a request DigiCert no longer has (404), without an event or an error', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const gone = requestsWith('submitted')[0];
		const request = server.data.requests.get(gone);
		server.data.requests.delete(gone);
		server.reset();
		const result = await trigger.poll();
		expect(result).toEqual({});
		expect(sent().filter((r) => r.path !== '/request')).toEqual([
			{ method: 'GET', path: `/request/${gone}`, query: {} },
		]);
		expect(
			Object.keys(
				(trigger.nodeStaticData().requestStatusChanged as IDataObject).open as IDataObject,
			),
		).not.toContain(String(gone));
		server.data.requests.set(gone, request);
	});

	it('a manual test run returns a recent decided request without touching the state', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const state = trigger.nodeStaticData();
		server.reset();
		const [[item]] = (await trigger.manual())!;
		expect(sent()).toEqual([
			{ method: 'GET', path: '/request', query: { offset: '0', limit: '1000' } },
		]);
		expect(item.json).toMatchObject({ event: 'requestStatusChanged', previous_status: null });
		expect(['approved', 'rejected']).toContain(item.json.status);
		expect(trigger.nodeStaticData()).toEqual(state);
	});
});

describe('orderStatusChanged', () => {
	const parameters = { event: 'orderStatusChanged' };
	// Only this block's changes exist in the status-changes log.
	beforeEach(() => {
		server.data.orderStatusChanges.length = 0;
	});
	const ordersWith = (status: string): number[] =>
		[...server.data.orders.values()].filter((o: any) => o.status === status).map((o: any) => o.id);

	it('asks for the last 5 minutes on activation, then for the time since plus the overlap; each change is emitted once, with the order', async () => {
		const [beforeActivation, issued, revoked] = ordersWith('pending');
		server.data.setOrderStatus(beforeActivation, 'issued');
		const trigger = activeTrigger(parameters);
		expect(await trigger.activate()).toEqual({});
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/order/certificate/status-changes',
				query: { minutes: '5', offset: '0', limit: '1000' },
			},
		]);

		// A minute later: the window is that minute plus the 5-minute overlap.
		now += 60_000;
		server.data.setNow(now);
		jest.spyOn(clock, 'now').mockReturnValue(now);
		server.data.setOrderStatus(issued, 'issued');
		server.data.setOrderStatus(revoked, 'revoked');
		server.reset();
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/order/certificate/status-changes',
				query: { minutes: '6', offset: '0', limit: '1000' },
			},
			{ method: 'GET', path: `/order/certificate/${issued}`, query: {} },
			{ method: 'GET', path: `/order/certificate/${revoked}`, query: {} },
		]);
		const certificateOf = (id: number) => (server.data.orders.get(id) as any).certificate.id;
		expect(json(result.emitted)).toEqual([
			{
				event: 'orderStatusChanged',
				orderId: issued,
				certificateId: certificateOf(issued),
				status: 'issued',
				order: expect.objectContaining({ id: issued, status: 'issued' }),
			},
			{
				event: 'orderStatusChanged',
				orderId: revoked,
				certificateId: certificateOf(revoked),
				status: 'revoked',
				order: expect.objectContaining({ id: revoked, status: 'revoked' }),
			},
		]);
		expect(result.emitted!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expectNoKey(result, server.apiKey);

		// The next window overlaps this one: DigiCert lists the same changes again, nothing is emitted twice.
		server.reset();
		expect(await trigger.poll()).toEqual({});
		expect(sent()).toHaveLength(1);
	});

	it('emits only the chosen statuses, and without order details when not wanted', async () => {
		const [issued, revoked] = ordersWith('pending');
		const trigger = activeTrigger({
			...parameters,
			statuses: ['issued'],
			includeOrderDetails: false,
		});
		await trigger.activate();
		server.data.setOrderStatus(issued, 'issued');
		server.data.setOrderStatus(revoked, 'revoked');
		server.reset();
		const result = await trigger.poll();
		expect(json(result.emitted)).toEqual([
			{
				event: 'orderStatusChanged',
				orderId: issued,
				certificateId: expect.any(Number),
				status: 'issued',
			},
		]);
		expect(sent().map((r) => r.path)).toEqual(['/order/certificate/status-changes']);
	});

	it('after a long stop asks for no more than 7 days, emits what changed meanwhile and nothing twice', async () => {
		const [early, meanwhile] = ordersWith('waiting_pickup');
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		server.data.setOrderStatus(early, 'issued');
		expect(json((await trigger.poll()).emitted).map((j) => j.orderId)).toEqual([early]);

		// n8n was stopped for 8 days (the saved "since" is 8 days old); one order changed meanwhile.
		server.data.setOrderStatus(meanwhile, 'canceled');
		const saved = JSON.parse(JSON.stringify(trigger.saved)) as IDataObject;
		const state = (saved[NODE_KEY] as IDataObject).orderStatusChanged as IDataObject;
		state.since = (state.since as number) - 8 * DAY_MS;
		const restarted = activeTrigger(parameters, saved);
		server.reset();
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		const result = await restarted.activate('init');
		expect(sent()[0]).toEqual({
			method: 'GET',
			path: '/order/certificate/status-changes',
			query: { minutes: '10080', offset: '0', limit: '1000' },
		});
		expect(json(result.emitted).map((j) => [j.orderId, j.status])).toEqual([
			[meanwhile, 'canceled'],
		]);
		// n8n's log says that older changes could not be fetched.
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('more than 7 days ago'), {
			workflowId: 'trigger-workflow',
		});
		warn.mockClear();
		expect(await restarted.poll()).toEqual({});
		expect(warn).not.toHaveBeenCalled();
		warn.mockRestore();
	});

	it('a manual test run returns the latest change with its order, without touching the state', async () => {
		const [order] = ordersWith('pending');
		server.data.setOrderStatus(order, 'rejected');
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const state = trigger.nodeStaticData();
		server.reset();
		const [[item]] = (await trigger.manual())!;
		expect(sent().map((r) => [r.path, r.query])).toEqual([
			['/order/certificate/status-changes', { minutes: '10080', offset: '0', limit: '1000' }],
			[`/order/certificate/${order}`, {}],
		]);
		expect(item.json).toMatchObject({
			event: 'orderStatusChanged',
			orderId: order,
			status: 'rejected',
			order: { id: order },
		});
		expect(trigger.nodeStaticData()).toEqual(state);
	});

	it('a busy account: reads every page of the status changes, so 2,500 changes in one window are all emitted', async () => {
		const trigger = activeTrigger({ ...parameters, includeOrderDetails: false });
		await trigger.activate();
		const changed: number[] = Array.from({ length: 2500 }, () => server.data.addOrder().id);
		for (const id of changed) server.data.setOrderStatus(id, 'canceled');
		server.reset();
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(sent().map((r) => [r.query.offset, r.query.limit])).toEqual([
			['0', '1000'],
			['1000', '1000'],
			['2000', '1000'],
		]);
		expect(
			json(result.emitted)
				.map((j) => j.orderId)
				.sort((a, b) => Number(a) - Number(b)),
		).toEqual([...changed].sort((a, b) => a - b));
	});

	it('whatever order DigiCert lists the changes in: each is emitted once, and the manual run shows the newest order', async () => {
		server.data.listOrder = 'scrambled';
		const trigger = activeTrigger({ ...parameters, includeOrderDetails: false });
		await trigger.activate();
		const changed: number[] = Array.from({ length: 1500 }, () => server.data.addOrder().id);
		for (const id of changed) server.data.setOrderStatus(id, 'rejected');
		const result = await trigger.poll();
		expect(
			json(result.emitted)
				.map((j) => j.orderId)
				.sort((a, b) => Number(a) - Number(b)),
		).toEqual([...changed].sort((a, b) => a - b));
		expect(await trigger.poll()).toEqual({});
		const [[item]] = (await trigger.manual())!;
		expect(item.json.orderId).toBe(Math.max(...changed));
	});
});

describe('certificateExpiring', () => {
	const parameters = { event: 'certificateExpiring', days: 30 };
	const expiringWithin = (days: number): number[] =>
		[...server.data.orders.values()]
			.filter(
				(o: any) =>
					['issued', 'reissue_pending'].includes(o.status) &&
					o.certificate.valid_till >= isoDate(now) &&
					o.certificate.valid_till <= isoDate(now + days * DAY_MS),
			)
			.map((o: any) => o.id);
	const setValidTill = (id: number, days: number) =>
		((server.data.orders.get(id) as any).certificate.valid_till = isoDate(now + days * DAY_MS));

	it('records the certificates already expiring on activation, then reports each one once as it comes within the threshold', async () => {
		const trigger = activeTrigger(parameters);
		expect(await trigger.activate()).toEqual({});
		// Issued orders, then those whose reissue is pending, valid till today or later (every page).
		const query = (status: string) => ({
			'filters[status]': status,
			'filters[valid_till]': `${isoDate(now)}...9999-12-31`,
			offset: '0',
			limit: '1000',
		});
		const firstPages = sent().filter((r) => r.query.offset === '0');
		expect(firstPages).toEqual([
			{ method: 'GET', path: '/order/certificate', query: query('issued') },
			{ method: 'GET', path: '/order/certificate', query: query('reissue_pending') },
		]);
		const reported = (trigger.nodeStaticData().certificateExpiring as IDataObject)
			.reported as IDataObject;
		expect(Object.keys(reported).map(Number).sort()).toEqual(expiringWithin(30).sort());

		expect(await trigger.poll()).toEqual({});
		const soon = server.data.addOrder({
			status: 'issued',
			validDays: 10,
			commonName: 'soon.example.com',
		});
		const later = server.data.addOrder({ status: 'issued', validDays: 45 });
		const result = await trigger.poll();
		expect(json(result.emitted)).toEqual([
			{
				event: 'certificateExpiring',
				orderId: soon.id,
				common_name: 'soon.example.com',
				valid_till: isoDate(now + 10 * DAY_MS),
				days_remaining: 10,
				threshold_days: 30,
				order: expect.objectContaining({ id: soon.id, status: 'issued' }),
			},
		]);
		expect(result.emitted![0].pairedItem).toEqual({ item: 0 });
		// Not again on the next polls...
		expect(await trigger.poll()).toEqual({});
		expect(await trigger.poll()).toEqual({});
		// ...but the later one is reported when time brings it within 30 days.
		setValidTill(later.id, 29);
		expect(json((await trigger.poll()).emitted).map((j) => [j.orderId, j.days_remaining])).toEqual([
			[later.id, 29],
		]);
		// Renewed (a new certificate far away): nothing to report; the old report is remembered until
		// the old certificate's expiry day, and the new certificate is reported when it comes close.
		setValidTill(later.id, 395);
		expect(await trigger.poll()).toEqual({});
		expect(
			((trigger.nodeStaticData().certificateExpiring as IDataObject).reported as IDataObject)[
				later.id
			],
		).toBe(isoDate(now + 29 * DAY_MS));
		setValidTill(later.id, 20);
		expect(json((await trigger.poll()).emitted).map((j) => [j.orderId, j.days_remaining])).toEqual([
			[later.id, 20],
		]);
		setValidTill(later.id, 395);
		setValidTill(soon.id, 400);
	});

	it("counts from n8n's clock: three days on, the window moves with it", async () => {
		now += 3 * DAY_MS;
		jest.spyOn(clock, 'now').mockReturnValue(now);
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		expect(sent()[0].query['filters[valid_till]']).toBe(`${isoDate(now)}...9999-12-31`);
		const reported = (trigger.nodeStaticData().certificateExpiring as IDataObject)
			.reported as IDataObject;
		expect(Object.keys(reported).map(Number).sort()).toEqual(expiringWithin(30).sort());
	});

	it('an order whose expiry cannot be read is skipped with a warning in the log; the others are still reported', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const broken = server.data.addOrder({ status: 'issued', validDays: 3 });
		(broken as any).certificate.valid_till = '0000-00-00';
		const soon = server.data.addOrder({ status: 'issued', validDays: 4 });
		// The fake's own window filter would drop the broken order: answer with it as DigiCert would list it.
		const listed = server.data
			.orderSummaries()
			.filter((o: IDataObject) => o.id === broken.id || o.id === soon.id);
		server.fail({
			times: 2,
			match: (r) => r.path.endsWith('/order/certificate'),
			respond: {
				status: 200,
				body: { orders: listed, page: { total: 2, limit: 1000, offset: 0 } },
			},
		});
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});

		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(json(result.emitted).map((j) => j.orderId)).toEqual([soon.id]);
		expect(warn).toHaveBeenCalledWith(
			`DigiCert Trigger "DigiCert Trigger": 1 order was left out because its certificate's valid_till is not a date: order ${broken.id} ("0000-00-00")`,
			{ workflowId: 'trigger-workflow' },
		);
		// Every poll still works.
		expect((await trigger.poll()).error).toBeUndefined();
		setValidTill(soon.id, 400);
		server.data.orders.delete(broken.id);
	});

	it('after a restart does not report again; a changed threshold starts a new baseline', async () => {
		const trigger = activeTrigger(parameters);
		await trigger.activate();
		const order = server.data.addOrder({ status: 'issued', validDays: 5 });
		expect(json((await trigger.poll()).emitted).map((j) => j.orderId)).toEqual([order.id]);
		expect(await trigger.restart().activate('init')).toEqual({});

		// The user edits the node to 60 days: n8n activates it again with the saved state.
		const edited = activeTrigger({ ...parameters, days: 60 }, trigger.saved);
		server.reset();
		expect(await edited.activate('update')).toEqual({});
		expect(sent()[0].query['filters[valid_till]']).toBe(`${isoDate(now)}...9999-12-31`);
		const next = server.data.addOrder({ status: 'issued', validDays: 50 });
		expect(json((await edited.poll()).emitted).map((j) => [j.orderId, j.threshold_days])).toEqual([
			[next.id, 60],
		]);
		setValidTill(order.id, 400);
		setValidTill(next.id, 400);
	});

	it('a manual test run returns the soonest expiring certificate', async () => {
		const soonest = server.data.addOrder({ status: 'issued', validDays: 0 });
		const [[item]] = (await activeTrigger(parameters).manual())!;
		expect(item.json).toMatchObject({
			event: 'certificateExpiring',
			days_remaining: 0,
			threshold_days: 30,
		});
		// Ties on the day go to the lower order ID.
		const sameDay = expiringWithin(0).sort((a, b) => a - b);
		expect(item.json.orderId).toBe(sameDay[0]);
		expect(sameDay).toContain(soonest.id);
		setValidTill(soonest.id, 400);
	});
});

describe.each([
	{ event: 'domainValidationExpiring', kind: 'domain' as const, path: '/domain' },
	{ event: 'organizationValidationExpiring', kind: 'organization' as const, path: '/organization' },
])('$event', ({ event, kind, path }) => {
	// A fake of their own: these tests move validations and the clock.
	const fake = useFakeCertCentral({ fresh: true });
	beforeEach(() => fake.data.setNow(now));
	const parameters = { event, days: 30 };
	const trigger = (days = 30, staticData?: IDataObject) =>
		new ActiveTrigger(triggerNode({ ...parameters, days }), credentialFor(fake), staticData);
	const listed = () =>
		fake.requests.map((r) => ({
			method: r.method,
			path: r.path.replace('/services/v2', ''),
			query: r.query,
		}));
	const records = (): IDataObject[] => [
		...(kind === 'domain' ? fake.data.domains : fake.data.organizations).values(),
	];
	const daysTo = (day: string, at: number) =>
		Math.round(
			(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) - Date.parse(`${isoDate(at)}T00:00:00Z`)) /
				DAY_MS,
		);
	/** `<id>:<type>` of every validation the fake has lapsing within `days` of `at` (active records, dated validations). */
	function within(days: number, at = now): string[] {
		const keys: string[] = [];
		for (const record of records()) {
			if (kind === 'domain' ? record.is_active !== true : record.status !== 'active') continue;
			const dates: Array<[string, string]> =
				kind === 'domain'
					? Object.entries((record.dcv_expiration ?? {}) as Record<string, string>)
					: (record.validations as IDataObject[])
							.filter((v) => v.status === 'active' && v.validated_until)
							.map((v) => [String(v.type), String(v.validated_until)]);
			for (const [type, day] of dates)
				if (daysTo(day, at) >= 0 && daysTo(day, at) <= days) keys.push(`${record.id}:${type}`);
		}
		return keys.sort();
	}
	const reportedKeys = (items: INodeExecutionData[] | undefined) =>
		json(items).flatMap((j) =>
			(j.expiring_validations as IDataObject[]).map((v) => `${j.id}:${v.type}`),
		);
	/** A record that has a validation beyond the window: its ID and that validation's type. */
	function beyondWindow(): { id: number; type: string } {
		const inside = new Set(within(30));
		for (const record of records()) {
			if (kind === 'domain' ? record.is_active !== true : record.status !== 'active') continue;
			for (const v of record.validations as IDataObject[]) {
				const key = `${record.id}:${v.type}`;
				if (
					v.status === 'active' &&
					!inside.has(key) &&
					daysTo(String(v.validated_until), now) > 60
				)
					return { id: Number(record.id), type: String(v.type) };
			}
		}
		throw new Error('the fake has no validation beyond the window');
	}

	it('records the validations already within Days on activation (every page of the active list, with validations), then reports each once as it comes within', async () => {
		const active = trigger();
		expect(await active.activate()).toEqual({});
		const query = {
			'filters[status]': 'active',
			include_validation: 'true',
			// Domains: DigiCert's reuse status, so a shortened DCV reuse date counts.
			...(kind === 'domain' ? { 'filters[include_validation_reuse_status]': 'true' } : {}),
			limit: '1000',
		};
		const pages = kind === 'domain' ? ['0', '1000'] : ['0'];
		expect(listed()).toEqual(
			pages.map((offset) => ({ method: 'GET', path, query: { ...query, offset } })),
		);
		expect(
			Object.keys((active.nodeStaticData()[event] as IDataObject).reported as IDataObject).sort(),
		).toEqual(within(30));
		expect(within(30).length).toBeGreaterThan(2);
		expect(await active.poll()).toEqual({});

		// A validation is moved into the window between polls: reported once, with the record.
		const { id, type } = beyondWindow();
		fake.data.setValidationExpiry(kind, id, type, 20);
		const { emitted, error } = await active.poll();
		expect(error).toBeUndefined();
		expect(json(emitted)).toEqual([
			expect.objectContaining({
				event,
				id,
				validation_type: type,
				expires: isoDate(now + 20 * DAY_MS),
				days_remaining: 20,
				expiring_validations: [{ type, expires: isoDate(now + 20 * DAY_MS), days_remaining: 20 }],
				threshold_days: 30,
				validations: expect.arrayContaining([expect.objectContaining({ type })]),
			}),
		]);
		expect(emitted![0].pairedItem).toEqual({ item: 0 });
		expect(await active.poll()).toEqual({});

		// Renewed (far away): nothing; when the new date comes within Days, reported again.
		fake.data.setValidationExpiry(kind, id, type, 199);
		expect(await active.poll()).toEqual({});
		fake.data.setValidationExpiry(kind, id, type, 10);
		expect(reportedKeys((await active.poll()).emitted)).toEqual([`${id}:${type}`]);
	});

	it("counts from n8n's clock: days on, what came within the window is reported, soonest first, ties by ID", async () => {
		const active = trigger();
		await active.activate();
		const before = within(30);
		now += 12 * DAY_MS;
		jest.spyOn(clock, 'now').mockReturnValue(now);
		fake.data.setNow(now);
		const crossed = within(30).filter((key) => !before.includes(key));
		expect(crossed.length).toBeGreaterThan(0);
		const { emitted } = await active.poll();
		expect(reportedKeys(emitted).sort()).toEqual(crossed);
		const order = json(emitted).map((j) => [j.days_remaining as number, j.id as number]);
		expect(order).toEqual([...order].sort(([a, x], [b, y]) => a - b || x - y));
		expect(await active.poll()).toEqual({});
		expect(await active.restart().activate('init')).toEqual({});
	});

	it('a date that cannot be read is skipped with a warning in the log; the other validations are still reported', async () => {
		const active = trigger();
		await active.activate();
		const broken = beyondWindow();
		const record = (kind === 'domain' ? fake.data.domains : fake.data.organizations).get(broken.id);
		fake.data.setValidationExpiry(kind, broken.id, broken.type, 5);
		// Not a calendar day: a domain's DCV date is read from dcv_expiration, an organization's from validated_until.
		const unreadable = kind === 'domain' ? '2026-02-30' : '2026-02-30T07:00:00+00:00';
		if (kind === 'domain') record.dcv_expiration[broken.type] = unreadable;
		else
			record.validations.find((v: IDataObject) => v.type === broken.type).validated_until =
				unreadable;
		const other = beyondWindow();
		fake.data.setValidationExpiry(kind, other.id, other.type, 3);
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});

		const result = await active.poll();
		expect(result.error).toBeUndefined();
		expect(reportedKeys(result.emitted)).toEqual([`${other.id}:${other.type}`]);
		expect(warn).toHaveBeenCalledWith(
			expect.stringMatching(
				new RegExp(
					`^DigiCert Trigger "DigiCert Trigger": One validation expiry from DigiCert could not be read as a date and was left out of the audit \\(.*ID ${broken.id}: ${broken.type.toUpperCase()} expires "${unreadable.replace(/\+/g, '\\+')}"\\)\\. Check these ${kind}s in CertCentral\\.$`,
				),
			),
			{ workflowId: 'trigger-workflow' },
		);
		expect((await active.poll()).error).toBeUndefined();
	});

	it('a changed threshold starts a new baseline', async () => {
		const active = trigger();
		await active.activate();
		const edited = trigger(60, active.saved);
		fake.reset();
		expect(await edited.activate('update')).toEqual({});
		expect(
			Object.keys((edited.nodeStaticData()[event] as IDataObject).reported as IDataObject).sort(),
		).toEqual(within(60));
		const { id, type } = beyondWindow();
		fake.data.setValidationExpiry(kind, id, type, 45);
		expect(
			json((await edited.poll()).emitted).map((j) => [j.id, j.days_remaining, j.threshold_days]),
		).toEqual([[id, 45, 60]]);
	});

	it('a manual test run returns the record whose validation lapses soonest (ties by ID), and changes no state', async () => {
		const active = trigger();
		const [[item]] = (await active.manual())!;
		const soonest = within(0)
			.map((key) => Number(key.split(':')[0]))
			.sort((a, b) => a - b)[0];
		expect(item.json).toMatchObject({ event, id: soonest, days_remaining: 0, threshold_days: 30 });
		expect(item.json.sample).toBeUndefined();
		expect(active.nodeStaticData()).toEqual({});
	});
});

describe('a list that shifts while a poll reads it (offset paging over a changing list)', () => {
	// A fake of their own: these tests add over a thousand records.
	const shifting = useFakeCertCentral({ fresh: true });
	beforeEach(() => {
		shifting.data.setNow(now);
	});
	const trigger = (parameters: INodeParameters) =>
		new ActiveTrigger(triggerNode(parameters), credentialFor(shifting));
	const records = (map: Map<number, any>, keep: (r: any) => boolean): number[] =>
		[...map.values()]
			.filter(keep)
			.map((r) => r.id as number)
			.sort((a, b) => a - b);

	/** Runs `change` once, just before the fake answers the list page at `offset`. */
	function duringPage(offset: number, change: () => void) {
		let done = false;
		shifting.fail({
			match: (r) => {
				if (!done && r.query.offset === String(offset)) {
					done = true;
					change();
				}
				return false;
			},
			respond: {},
		});
	}

	it('Request Pending: the oldest approved while page 2 is fetched makes no request come out as new, then or later', async () => {
		for (let i = 0; i < 1200; i++) shifting.data.addRequest();
		const pendingTrigger = trigger({ event: 'requestPending' });
		expect(await pendingTrigger.activate()).toEqual({});
		// Page 2 now starts one further on: the request that was first on it is on neither page.
		duringPage(1000, () =>
			shifting.data.setRequestStatus(
				records(shifting.data.requests, (r) => r.status === 'pending')[0],
				'approved',
			),
		);
		expect(await pendingTrigger.poll()).toEqual({});
		expect(await pendingTrigger.poll()).toEqual({});
		const added = shifting.data.addRequest();
		expect(json((await pendingTrigger.poll()).emitted).map((j) => j.requestId)).toEqual([added.id]);
	});

	it('Certificate Expiring: an order revoked while page 2 is fetched makes no order reported again, then or later', async () => {
		for (let i = 0; i < 1100; i++)
			shifting.data.addOrder({ status: 'issued', validDays: 10 + (i % 15) });
		const expiringTrigger = trigger({ event: 'certificateExpiring', days: 30 });
		expect(await expiringTrigger.activate()).toEqual({});
		const soonest = records(
			shifting.data.orders,
			(o) =>
				o.status === 'issued' &&
				o.certificate.valid_till >= isoDate(now) &&
				o.certificate.valid_till <= isoDate(now + 30 * DAY_MS),
		);
		duringPage(1000, () => shifting.data.setOrderStatus(soonest[0], 'revoked'));
		expect(await expiringTrigger.poll()).toEqual({});
		expect(await expiringTrigger.poll()).toEqual({});
		const next = shifting.data.addOrder({ status: 'issued', validDays: 3 });
		expect(json((await expiringTrigger.poll()).emitted).map((j) => j.orderId)).toEqual([next.id]);
	});

	it('Domain Validation Expiring: a domain deactivated while page 2 is fetched makes no domain reported again, then or later', async () => {
		const active = records(shifting.data.domains, (d) => d.is_active === true);
		// The first domain of page 2 has its DCV within the window: the shift hides it from one poll.
		const hidden = active[1000];
		shifting.data.setValidationExpiry('domain', hidden, 'ov', 10);
		const validationTrigger = trigger({ event: 'domainValidationExpiring', days: 30 });
		expect(await validationTrigger.activate()).toEqual({});
		duringPage(1000, () => (shifting.data.domains.get(active[0]).is_active = false));
		expect(await validationTrigger.poll()).toEqual({});
		expect(await validationTrigger.poll()).toEqual({});
		const later = records(
			shifting.data.domains,
			(d) => d.is_active === true && d.dcv_expiration?.ov > isoDate(now + 60 * DAY_MS),
		)[0];
		shifting.data.setValidationExpiry('domain', later, 'ov', 5);
		expect(
			json((await validationTrigger.poll()).emitted).map((j) => [j.id, j.validation_type]),
		).toEqual([[later, 'ov']]);
	});
});

describe('corrupt remembered state', () => {
	/** The trigger's warnings in n8n's log while `work` runs. */
	async function warningsDuring(work: () => Promise<void>): Promise<string[]> {
		const warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => {});
		await work();
		return warn.mock.calls.map(([message]) => String(message));
	}
	const lookups = () => sent().filter((r) => /^\/request\/[^/]+$/.test(r.path));

	it('a node entry that is not an object (a string): polls still work, remember, and say so once', async () => {
		const trigger = activeTrigger({ event: 'requestPending' }, { [NODE_KEY]: 'not an object' });
		let added: IDataObject = {};
		const warnings = await warningsDuring(async () => {
			expect(await trigger.activate()).toEqual({});
			expect(await trigger.poll()).toEqual({});
			added = server.data.addRequest();
			const { emitted, error } = await trigger.poll();
			expect(error).toBeUndefined();
			expect(json(emitted).map((j) => j.requestId)).toEqual([added.id]);
			// What was remembered survives a restart too.
			expect(await trigger.restart().activate('init')).toEqual({});
		});
		expect(warnings).toEqual([
			'DigiCert Trigger "DigiCert Trigger": the remembered state in the workflow\'s static data is not an object, so it is kept under "digiCertTrigger:DigiCert Trigger" in the workflow\'s global static data from now on; this poll records a new baseline',
		]);
		server.data.setRequestStatus(Number(added.id), 'rejected');
	});

	it.each([
		[
			'requestStatusChanged',
			{ open: { NaN: 'pending', '-5': 'pending', abc: 'submitted', '12': 'pending' } },
		],
		['requestStatusChanged', { open: { [String(fakeData.PENDING_REQUEST_ID)]: 'approved' } }],
		['requestPending', { pending: [1, 'x', -5], floor: 0 }],
		['requestPending', { pending: [1, 2], floor: 'high' }],
		['certificateExpiring', { days: 30, reported: { abc: '2026-12-01' } }],
		['certificateExpiring', { days: 30, reported: { '5': 'soon' } }],
		['certificateExpiring', { days: -3, reported: {} }],
		['domainValidationExpiring', { days: 30, reported: { '1001': '2026-12-01' } }],
		[
			'domainValidationExpiring',
			{ days: 30, reported: { '1001:ov': '2026-12-01T07:00:00+00:00' } },
		],
		['organizationValidationExpiring', { days: 30, reported: { '112233:ov': 'soon' } }],
		['organizationValidationExpiring', { days: '30', reported: {} }],
		['orderStatusChanged', { since: 1, seen: { 'x:1:issued': 5 } }],
		['orderStatusChanged', { since: 'yesterday', seen: {} }],
	])(
		'%s with %j: a new baseline, said once in the log, and no request or event from the junk',
		async (event, junk) => {
			const parameters = event.endsWith('Expiring') ? { event, days: 30 } : { event };
			const trigger = activeTrigger(parameters, { [NODE_KEY]: { [event]: { v: 1, ...junk } } });
			const warnings = await warningsDuring(async () => {
				expect(await trigger.activate()).toEqual({});
				expect(await trigger.poll()).toEqual({});
			});
			expect(lookups()).toEqual([]);
			expect(warnings).toEqual([
				`DigiCert Trigger "DigiCert Trigger": the remembered state of ${event} was unreadable, so this poll recorded a new baseline (changes since the last good poll are not reported)`,
			]);
			expect(trigger.nodeStaticData()[event]).not.toEqual({ v: 1, ...junk });
		},
	);
});

describe('examples/notify-on-order-status-change.json', () => {
	const example = require('../../../examples/notify-on-order-status-change.json') as {
		nodes: Array<IDataObject & { type: string }>;
	};

	it('runs its trigger node as shipped, and emits every field the Slack message uses', async () => {
		const shipped = example.nodes.find(
			(node) => node.type === 'n8n-nodes-digicert.digiCertTrigger',
		)!;
		expect(shipped).toBeDefined();
		const trigger = new ActiveTrigger(shipped as never, credentialFor(server));
		server.data.orderStatusChanges.length = 0;
		await trigger.activate();
		const order = [...server.data.orders.values()].find((o: any) => o.status === 'pending') as {
			id: number;
		};
		server.data.setOrderStatus(order.id, 'issued');
		const [item] = json((await trigger.poll()).emitted);
		const slack = example.nodes.find((node) => node.type === 'n8n-nodes-base.slack')!;
		const text = String((slack.parameters as IDataObject).text);
		for (const path of text.match(/\$json(\.[a-z_]+)+/gi) ?? []) {
			const value = path
				.split('.')
				.slice(1)
				.reduce<unknown>((at, key) => (at as IDataObject | undefined)?.[key], item);
			expect({ path, value }).toEqual({ path, value: expect.anything() });
		}
		expect(item).toMatchObject({ orderId: order.id, status: 'issued' });
	});
});

describe('manual test runs on an account with nothing to show', () => {
	afterEach(() => server.clearFaults());

	it.each([
		['requestPending', { requestId: 198, status: 'pending' }],
		['requestStatusChanged', { requestId: 198, status: 'approved', previous_status: 'pending' }],
		[
			'orderStatusChanged',
			{ orderId: 12345678, status: 'issued', order: expect.objectContaining({ id: 12345678 }) },
		],
		['certificateExpiring', { orderId: 12345678, days_remaining: 30, threshold_days: 30 }],
		[
			'domainValidationExpiring',
			{ name: 'example.com', validation_type: 'ov', days_remaining: 30, threshold_days: 30 },
		],
		[
			'organizationValidationExpiring',
			{ id: 112233, validation_type: 'ov', days_remaining: 30, threshold_days: 30 },
		],
	])(
		'%s gives one representative item marked sample: true, and changes no state',
		async (event, shape) => {
			// Every list is empty (DigiCert then leaves the array key out).
			server.fail({
				respond: { status: 200, body: { page: { total: 0, limit: 1000, offset: 0 } } },
			});
			const trigger = activeTrigger({ event, days: 30 });
			const output = await trigger.manual();
			expect(output).toHaveLength(1);
			expect(output![0]).toHaveLength(1);
			expect(output![0][0]).toEqual({
				json: expect.objectContaining({ event, ...shape, sample: true }),
				pairedItem: { item: 0 },
			});
			expect(trigger.nodeStaticData()).toEqual({});
		},
	);
});
