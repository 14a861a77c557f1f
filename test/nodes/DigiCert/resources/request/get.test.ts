import { ExecuteContext } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';
import { Expression } from 'n8n-workflow';

import { DigiCert } from '../../../../../nodes/DigiCert/DigiCert.node';
import { redactionWork } from '../../../../../nodes/common/redaction';

import {
	digiCertNode,
	inputNodes,
	jsonsOf,
	pairsOf,
	runWorkflow,
} from '../../../../helpers/engine';
import { credentialFor, fakeData, seenByServer } from '../../../../helpers/fake';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../../helpers/runOperation';

const server = useFakeCertCentral();

const ID = fakeData.PENDING_REQUEST_ID;

async function getRequests(parameters: INodeParameters, items: number, typeVersion = 1.1) {
	return await runWorkflow(
		[
			...inputNodes(Array.from({ length: items }, () => ({ id: ID }))),
			digiCertNode({ resource: 'request', operation: 'get', ...parameters }, { typeVersion }),
		],
		{ credentials: credentialFor(server) },
	);
}

describe('Get Request', () => {
	afterEach(() => jest.restoreAllMocks());

	/** How often n8n was asked for each parameter during the run. */
	function countReads() {
		// Every getNodeParameter of n8n-core's contexts ends in this one method.
		const base = Object.getPrototypeOf(ExecuteContext.prototype) as {
			_getNodeParameter: (name: string) => unknown;
		};
		const spy = jest.spyOn(base, '_getNodeParameter');
		return () => {
			const counts: Record<string, number> = {};
			for (const [name] of spy.mock.calls) counts[name] = (counts[name] ?? 0) + 1;
			return counts;
		};
	}

	it('resolves a parameter set by an expression per item, and one without an expression once per run', async () => {
		const reads = countReads();
		const result = await getRequests(
			{ requestId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, simplify: false },
			20,
		);
		expect(result.error).toBeUndefined();
		expect(result.items()).toHaveLength(20);
		expect(result.items().every((item) => item.json.id === ID)).toBe(true);
		expect(server.requests).toHaveLength(20);
		const counts = reads();
		expect(counts.requestId).toBe(20);
		expect(counts.simplify).toBe(1);
		expect(counts.output).toBe(1);
	});

	it("evaluates an item's expression once, skipping n8n's value check, which this node's properties never need", async () => {
		const evaluated: string[] = [];
		const resolve = Expression.prototype.resolveSimpleParameterValue;
		jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (
			this: Expression,
			value,
			...rest
		) {
			if (typeof value === 'string' && value.startsWith('=')) evaluated.push(value);
			return resolve.call(this, value, ...rest);
		});
		const base = Object.getPrototypeOf(ExecuteContext.prototype) as {
			_getNodeParameter: (
				name: string,
				itemIndex: number,
				fallback: unknown,
				options: unknown,
			) => unknown;
		};
		const reads = jest.spyOn(base, '_getNodeParameter');
		const result = await getRequests(
			{ requestId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			20,
			1.2,
		);
		expect(result.error).toBeUndefined();
		expect(result.items()).toHaveLength(20);
		expect(evaluated).toEqual(Array.from({ length: 20 }, () => '={{ $json.id }}'));
		const requestIdReads = reads.mock.calls.filter(([name]) => name === 'requestId');
		expect(
			requestIdReads.every(
				([, , , options]) => (options as { skipValidation?: boolean })?.skipValidation,
			),
		).toBe(true);
		// What the skipped check would look at: a property with a validateType (none has one).
		const declared = JSON.stringify(new DigiCert().description.properties);
		expect(declared).not.toContain('validateType');
	});

	it("builds the key's redaction table once per run, not once per answer or header", async () => {
		redactionWork.tables = 0;
		const result = await getRequests({ requestId: '={{ $json.id }}' }, 20, 1);
		expect(result.items()).toHaveLength(20);
		expect(redactionWork.tables).toBe(1);
	});

	it('a fixed ID is resolved once and sent for every item', async () => {
		const reads = countReads();
		const result = await getRequests({ requestId: ID }, 5, 1);
		expect(result.items()).toHaveLength(5);
		expect(server.requests.map((r) => r.path)).toEqual(
			Array.from({ length: 5 }, () => `/services/v2/request/${ID}`),
		);
		expect(reads().requestId).toBe(1);
	});
});

const { APPROVED_REQUEST_ID, PENDING_REQUEST_ID } = fakeData;
const getRequest = (requestId: unknown): INodeParameters => ({
	resource: 'request',
	operation: 'get',
	requestId: requestId as string,
});

describe('Get Request: the answer', () => {
	it('outputs an approved request exactly as DigiCert returns it', async () => {
		const result = await runDigiCert(server, getRequest('={{ $json.id }}'), {
			input: [{ id: APPROVED_REQUEST_ID }],
			neverShown: [server.apiKey],
		});

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(seenByServer(server.requests[0])).toEqual({
			method: 'GET',
			path: `/services/v2/request/${APPROVED_REQUEST_ID}`,
			query: {},
			key: server.apiKey,
		});
		expect(server.requests[0].headers['user-agent']).toBe('n8n-nodes-digicert');
		const items = result.items();
		expect(jsonsOf(items)).toEqual([fakeData.seeds.requestApproved]);
		expect(pairsOf(items)).toEqual([{ item: 0 }]);
	});

	it('outputs a pending request, which has no date_processed yet', async () => {
		const result = await runDigiCert(server, getRequest(String(PENDING_REQUEST_ID)), {
			neverShown: [server.apiKey],
		});

		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(seenByServer(server.requests[0])).toEqual({
			method: 'GET',
			path: `/services/v2/request/${PENDING_REQUEST_ID}`,
			query: {},
			key: server.apiKey,
		});
		const items = result.items();
		// Exactly DigiCert's answer: status pending, and no date_processed added by the node.
		expect(jsonsOf(items)).toEqual([{ ...fakeData.seeds.requestPending, id: PENDING_REQUEST_ID }]);
		expect(pairsOf(items)).toEqual([{ item: 0 }]);
	});
});
