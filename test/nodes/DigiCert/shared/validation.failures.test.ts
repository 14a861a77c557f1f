import { assertBoolean, assertPositiveId, describe as describeValue } from '../../../../nodes/DigiCert/shared/validation';

describe('assertPositiveId', () => {
	it.each([
		[1, 1],
		['198', 198],
		[' 12345678 ', 12345678],
		['12\n', 12],
		[Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
	])('accepts %j', (value, id) => {
		expect(assertPositiveId(value, 'Order ID')).toBe(id);
	});

	it.each([
		0,
		-1,
		1.5,
		NaN,
		Infinity,
		2 ** 53,
		'9007199254740993',
		'',
		'12/../../user/me',
		'12?x=1',
		'12#a',
		'12%2F',
		'..',
		'1e3',
		'0x10',
		'+5',
		'１２',
		'١٢',
		true,
		null,
		undefined,
		[12],
		{ id: 12 },
	])('refuses %j', (value) => {
		expect(() => assertPositiveId(value, 'Order ID')).toThrow(/^Order ID must be a positive whole number, but it is /);
	});
});

describe('assertBoolean', () => {
	it.each([
		[true, true],
		[false, false],
		['true', true],
		['false', false],
	])('accepts %j', (value, result) => {
		expect(assertBoolean(value, 'Show Archived')).toBe(result);
	});

	it.each(['yes', 1, 0, null, [], {}])('refuses %j', (value) => {
		expect(() => assertBoolean(value, 'Show Archived')).toThrow('Show Archived must be true or false');
	});
});

describe('describe (values in messages)', () => {
	it('says what kind of value it is, and cuts long ones', () => {
		expect(describeValue('12/..')).toBe('"12/.."');
		expect(describeValue(undefined)).toBe('nothing');
		expect(describeValue([1])).toBe('a list [1]');
		expect(describeValue({ a: 1 })).toBe('an object {"a":1}');
		expect(describeValue('x'.repeat(1000)).length).toBeLessThan(70);
	});

	it('survives values JSON cannot show', () => {
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(describeValue(circular)).toContain('object');
		expect(describeValue(BigInt(5))).toBeTruthy();
	});
});
