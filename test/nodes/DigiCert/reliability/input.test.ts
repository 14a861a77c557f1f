/**
 * Property tests over what users (and expressions) can put in the node's fields: no value makes
 * the node send a request outside the intended endpoint, crash with something other than an n8n
 * error, or show the API key. Values travel the real way: as item fields read by an expression.
 */
import fc from 'fast-check';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { resources } from '../../../../nodes/DigiCert/resources';
import { assertOrderIdentifier } from '../../../../nodes/common/inputChecks';

import { digiCertNode, inputNodes, runWorkflow } from '../../../helpers/engine';
import { REQUIRED_SAMPLES } from '../../../fixtures/parameters';
import { credentialFor, fakeData } from '../../../helpers/fake';
import { expectNoKey } from '../../../helpers/secrets';
import { useFakeCertCentral } from '../../../helpers/useFakeCertCentral';
import { runDigiCert } from '../../../helpers/runOperation';

const server = useFakeCertCentral();

/** Strings built to move a request off its endpoint, or to look like a number without being one. */
const trickyStrings = fc.constantFrom(
	'12/../../user/me',
	'../user/me',
	'..',
	'.',
	'198/',
	'/198',
	'198?x=1',
	'198#frag',
	'198%2F..%2Fuser%2Fme',
	'%2e%2e',
	'198;x',
	'198&offset=5',
	'１９８', // fullwidth digits
	'١٩٨', // Arabic-Indic digits
	'198\u2215me', // division slash
	'198\uff0f34', // fullwidth solidus
	'198\u0000',
	'198\r\nX-DC-DEVKEY: other',
	'-198',
	'+198',
	'198.5',
	'1e3',
	'0x1F',
	'Infinity',
	'NaN',
	'0',
	'00',
	'9'.repeat(400),
	'x'.repeat(5000),
	'{{ $json }}',
);
const idValues = fc.oneof(
	trickyStrings,
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc
		.tuple(
			fc.nat(),
			fc.constantFrom('/', '?', '#', '..', '%2F', '/..', '\\', ' ', '\t'),
			fc.string(),
		)
		.map(([n, sep, rest]) => `${n}${sep}${rest}`),
	fc.nat({ max: 300 }).map(String),
	fc.constantFrom(
		fakeData.APPROVED_REQUEST_ID,
		fakeData.PENDING_REQUEST_ID,
		String(fakeData.APPROVED_REQUEST_ID),
	),
	fc.integer(),
	fc.double(),
	fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 1e300, -0),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(fc.nat(), fc.string()), { maxLength: 3 }),
	fc.object({ maxDepth: 1 }),
);

/** Whether a value (after the JSON trip an item makes) is one a DigiCert ID may be. */
function expectedId(value: unknown): number | undefined {
	const id =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value)
				? Number(value)
				: NaN;
	return Number.isSafeInteger(id) && id >= 1 ? id : undefined;
}

const jsonTrip = (value: unknown): unknown => JSON.parse(JSON.stringify({ v: value })).v;

/** All the DigiCert node produced: its items and its error (the input items may hold anything). */
describe('IDs', () => {
	it('no ID sends a request off its endpoint, crashes, or shows the key; bad ones are refused before any request', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.oneof(idValues, fc.constant(server.apiKey), fc.constant(`12/${server.apiKey}`)),
					{ minLength: 1, maxLength: 25 },
				),
				async (raw) => {
					server.reset();
					const values = raw.map(jsonTrip);
					const result = await runDigiCert(
						server,
						{
							resource: 'request',
							operation: 'get',
							requestId: '={{ $json.v }}',
							requestOptions: { rateLimit: 'off', maxRetries: 0 },
						},
						{
							input: values.map((v) => ({ v }) as IDataObject),
							node: { onError: 'continueRegularOutput' },
						},
					);

					expect(result.error).toBeUndefined();
					for (const request of server.requests) {
						expect(request.method).toBe('GET');
						expect(request.path).toMatch(/^\/services\/v2\/request\/[1-9][0-9]*$/);
						expect(request.query).toEqual({});
					}
					const sent = server.requests
						.map((r) => Number(r.path.split('/').pop()))
						.sort((a, b) => a - b);
					const wanted = values
						.map(expectedId)
						.filter((id): id is number => id !== undefined)
						.sort((a, b) => a - b);
					expect(sent).toEqual(wanted);

					const items = result.items();
					expect(items).toHaveLength(values.length);
					items.forEach((item, index) => {
						expect(item.pairedItem).toEqual({ item: index });
						const id = expectedId(values[index]);
						if (id === undefined) {
							expect(item.json.error).toMatch(
								/^Request ID must be a positive whole number, but it is /,
							);
							expect(String(item.json.error).length).toBeLessThan(150);
						} else if (id === fakeData.APPROVED_REQUEST_ID || id === fakeData.PENDING_REQUEST_ID) {
							expect(item.json.id).toBe(id);
						} else {
							expect(item.json.error).toBe(`Request ${id} was not found in DigiCert`);
						}
					});
					expectNoKey([result.taskData('DigiCert'), result.error], server.apiKey);
				},
			),
			{ numRuns: 40 },
		);
	}, 180_000);

	it('without On Error: Continue, a bad ID stops the node with a NodeOperationError naming the item', async () => {
		await fc.assert(
			fc.asyncProperty(
				idValues.filter((v) => expectedId(jsonTrip(v)) === undefined),
				async (raw) => {
					server.reset();
					const result = await runDigiCert(
						server,
						{
							resource: 'request',
							operation: 'get',
							requestId: '={{ $json.v }}',
							requestOptions: { rateLimit: 'off' },
						},
						{ input: [{ v: fakeData.APPROVED_REQUEST_ID }, { v: jsonTrip(raw) } as IDataObject] },
					);
					const error = result.error as unknown as {
						name: string;
						message: string;
						description: string;
						context: IDataObject;
					};
					expect(error.name).toBe('NodeOperationError');
					expect(error.message).toMatch(/^Request ID must be a positive whole number, but it is /);
					expect(error.description).toContain('no request was sent');
					expect(error.context.itemIndex).toBe(1);
					expect(
						server.requests.every(
							(r) => r.path === `/services/v2/request/${fakeData.APPROVED_REQUEST_ID}`,
						),
					).toBe(true);
				},
			),
			{ numRuns: 25 },
		);
	}, 120_000);

	it('an Order ID of the wrong kind is refused the same way, and Show Archived takes only true or false', async () => {
		await fc.assert(
			fc.asyncProperty(
				idValues,
				fc.oneof(
					fc.boolean(),
					fc.constantFrom('true', 'false', 'yes', 1, 0, null, 'true&x=1'),
					fc.string(),
					fc.object({ maxDepth: 0 }),
				),
				async (rawId, rawArchived) => {
					server.reset();
					const [v, a] = [jsonTrip(rawId), jsonTrip(rawArchived)];
					const result = await runDigiCert(
						server,
						{
							resource: 'order',
							operation: 'listDuplicates',
							orderId: '={{ $json.v }}',
							options: { show_archived: '={{ $json.a }}' },
							requestOptions: { rateLimit: 'off', maxRetries: 0 },
						},
						{ input: [{ v, a } as IDataObject], node: { onError: 'continueRegularOutput' } },
					);
					expect(result.error).toBeUndefined();
					for (const request of server.requests) {
						expect(request.path).toMatch(
							/^\/services\/v2\/order\/certificate\/[1-9][0-9]*\/duplicate$/,
						);
						expect(Object.keys(request.query).every((k) => k === 'show_archived')).toBe(true);
						if ('show_archived' in request.query) expect(request.query.show_archived).toBe('true');
					}
					const archivedOk =
						a === undefined ||
						a === null ||
						typeof a === 'boolean' ||
						a === 'true' ||
						a === 'false';
					expect(server.requests).toHaveLength(expectedId(v) !== undefined && archivedOk ? 1 : 0);
					expect(result.items().length).toBeGreaterThanOrEqual(0);
					expectNoKey([result.taskData('DigiCert'), result.error], server.apiKey);
				},
			),
			{ numRuns: 40 },
		);
	}, 180_000);
});

describe('every operation', () => {
	/** The operations, with the name of their ID field and the other parameters they need. */
	const withIds = resources.flatMap((resource) =>
		resource.operations.flatMap((operation) => {
			const idField = operation.properties.find((p) => /Id$/.test(p.name) && p.required);
			if (idField === undefined) return [];
			const parameters: INodeParameters = { resource: resource.value, operation: operation.value };
			for (const property of operation.properties) {
				if (property.default !== undefined && property.name !== idField.name) {
					parameters[property.name] = (REQUIRED_SAMPLES[property.name] ??
						property.default) as INodeParameters[string];
				}
			}
			return [{ label: `${resource.value}.${operation.value}`, idField: idField.name, parameters }];
		}),
	);

	it('has operations with IDs to check', () => {
		expect(withIds.length).toBeGreaterThanOrEqual(2);
	});

	/** Get Order also takes a certificate thumbprint or serial number (hex) in the ID's place: accepted like an ID. */
	const acceptedBy = (label: string) => (value: unknown) => {
		if (label !== 'order.get') return expectedId(value) !== undefined;
		try {
			assertOrderIdentifier(value, 'Order ID');
			return true;
		} catch {
			return false;
		}
	};

	it.each(withIds)(
		'$label: requests stay on well-formed paths, whatever its $idField',
		async ({ label, idField, parameters }) => {
			const accepted = acceptedBy(label);
			await fc.assert(
				fc.asyncProperty(fc.array(idValues, { minLength: 1, maxLength: 10 }), async (raw) => {
					server.reset();
					const values = raw.map(jsonTrip);
					const result = await runDigiCert(
						server,
						{
							...parameters,
							[idField]: '={{ $json.v }}',
							requestOptions: { rateLimit: 'off', maxRetries: 0 },
						},
						{
							input: values.map((v) => ({ v }) as IDataObject),
							node: { onError: 'continueRegularOutput' },
						},
					);
					expect(result.error).toBeUndefined();
					// Every path is made of plain lowercase words and positive numbers only (and uppercase hex, for Get Order).
					for (const request of server.requests) {
						expect(request.path).toMatch(/^\/services\/v2(\/([a-z_-]+|[1-9][0-9]*|[0-9A-F]+))+$/);
					}
					expect(server.requests.length).toBeLessThanOrEqual(values.filter(accepted).length);
					const items = result.items();
					values.forEach((value, index) => {
						const own = items.filter((i) => (i.pairedItem as { item: number }).item === index);
						if (!accepted(value)) {
							expect(own).toHaveLength(1);
							expect(own[0].json.error).toMatch(
								/ must be (a positive whole number|an order ID \(a whole number\), or the thumbprint .*), but it is /,
							);
						}
					});
					expectNoKey([result.taskData('DigiCert'), result.error], server.apiKey);
				}),
				{ numRuns: 15 },
			);
		},
		120_000,
	);
});

describe('list filters', () => {
	const text = fc.oneof(
		trickyStrings,
		fc.string(),
		fc.string({ unit: 'grapheme' }),
		fc.constantFrom('a&limit=1', 'x=1&offset=9', '#', '%', '%25', '+', 'a b'),
	);

	it.each([
		['order', 'commonName', 'common_name'],
		['order', 'search', 'search'],
		['request', 'search', 'search'],
	])(
		'%s Get Many: a %s of any text stays one query value, sent as typed',
		async (resource, field, key) => {
			await fc.assert(
				fc.asyncProperty(text, async (raw) => {
					server.reset();
					const result = await runDigiCert(
						server,
						{
							resource,
							operation: 'getMany',
							limit: 1,
							filters: { [field]: '={{ $json.v }}' },
							requestOptions: { rateLimit: 'off', maxRetries: 0 },
						},
						{ input: [{ v: raw }], node: { onError: 'continueRegularOutput' } },
					);
					expect(result.error).toBeUndefined();
					expect(server.requests.length).toBeLessThanOrEqual(1);
					for (const request of server.requests) {
						expect(request.path).toBe(
							resource === 'order' ? '/services/v2/order/certificate' : '/services/v2/request',
						);
						const extra = Object.keys(request.query).filter(
							(k) => !['offset', 'limit', `filters[${key}]`].includes(k),
						);
						expect(extra).toEqual([]);
						const value = request.query[`filters[${key}]`];
						if (value !== undefined)
							expect(value.replace(/^%/, '')).toBe(raw.trim().replace(/^%/, ''));
					}
					expectNoKey([result.taskData('DigiCert'), result.error], server.apiKey);
				}),
				{ numRuns: 25 },
			);
		},
		120_000,
	);
});

describe('list filters of the wrong type (from an expression)', () => {
	// Leaving such a filter out would widen the query to the unfiltered list: it is refused instead.
	it.each([
		[
			'request',
			'containerId',
			'={{ [5] }}',
			'Division ID must be a single text or number, but it is a list [5]',
		],
		[
			'order',
			'containerId',
			'={{ {"id": 5} }}',
			'Division ID must be a single text or number, but it is an object {"id":5}',
		],
		[
			'order',
			'commonName',
			'={{ ["a","b"] }}',
			'Common Name must be a single text or number, but it is a list ["a","b"]',
		],
		[
			'order',
			'productNameId',
			'={{ true }}',
			'Product must be a single text or number, but it is true',
		],
		[
			'request',
			'search',
			'={{ {} }}',
			'Search must be a single text or number, but it is an object {}',
		],
		['order', 'search', '={{ [] }}', 'Search must be a single text or number, but it is a list []'],
		[
			'request',
			'status',
			'={{ [{}] }}',
			'Status must be a single text or number, but it is an object {}',
		],
	])(
		'%s Get Many: %s = %s is refused before any request',
		async (resource, field, value, message) => {
			const result = await runDigiCert(server, {
				resource,
				operation: 'getMany',
				limit: 5,
				filters: { [field]: value },
			});
			expect(server.requests).toEqual([]);
			expect(result.error?.message).toBe(message);
		},
	);
});

describe('Request Options', () => {
	const fields = ['maxRetries', 'retryDelay', 'timeout', 'rateLimit', 'requestsPerSecond'] as const;
	const optionValues = fc.oneof(
		fc.integer({ min: -5, max: 20 }),
		fc.double({ noNaN: false }),
		fc.constantFrom(
			'3',
			'  7 ',
			'0.5',
			'1e3',
			'abc',
			'',
			'off',
			'custom',
			'digicert',
			'DigiCert',
			'5/..',
			'%2F',
		),
		fc.string(),
		fc.boolean(),
		fc.constant(null),
		fc.array(fc.nat(), { maxLength: 2 }),
		fc.object({ maxDepth: 0 }),
	);

	it('no option value crashes the node or sends a request when it is refused', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...fields), optionValues, async (field, raw) => {
				server.reset();
				const value = jsonTrip(raw);
				// The other options keep every run short whatever the fuzzed one says.
				const requestOptions: IDataObject = {
					maxRetries: 0,
					retryDelay: 0,
					timeout: 5000,
					rateLimit: 'off',
				};
				if (field === 'requestsPerSecond') requestOptions.rateLimit = 'custom';
				requestOptions[field] = '={{ $json.v }}';
				const node: INode = digiCertNode({
					resource: 'request',
					operation: 'get',
					requestId: String(fakeData.APPROVED_REQUEST_ID),
					requestOptions: requestOptions as INodeParameters,
				});
				const result = await runWorkflow([...inputNodes([{ v: value } as IDataObject]), node], {
					credentials: credentialFor(server),
				});

				if (result.error === undefined) {
					expect(result.items()).toHaveLength(1);
					expect(result.items()[0].json.id).toBe(fakeData.APPROVED_REQUEST_ID);
					expect(server.requests).toHaveLength(1);
				} else {
					const error = result.error as unknown as { name: string; message: string };
					expect(['NodeOperationError', 'NodeApiError']).toContain(error.name);
					if (error.name === 'NodeOperationError') {
						expect(error.message).toMatch(/^Settings > Rate Limit and Retries/);
						expect(server.requests).toHaveLength(0);
					} else {
						// A valid but tiny timeout: DigiCert "did not answer in time".
						expect(field).toBe('timeout');
						expect(error.message).toMatch(/^DigiCert did not answer within/);
						// The abandoned request may still be on its way to the fake: let it land now, or the
						// next run would count it as its own.
						await new Promise((resolve) => setTimeout(resolve, 100));
					}
				}
				for (const request of server.requests)
					expect(request.path).toBe(`/services/v2/request/${fakeData.APPROVED_REQUEST_ID}`);
			}),
			{ numRuns: 60 },
		);
	}, 180_000);
});
