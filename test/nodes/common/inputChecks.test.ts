import fc from 'fast-check';

import {
	assertBoolean,
	assertOrderIdentifier,
	assertPositiveId,
	quoteValue,
} from '../../../nodes/common/inputChecks';

describe('IDs and booleans', () => {
	describe('assertPositiveId', () => {
		it.each([
			[1, 1],
			['1', 1],
			['12345678', 12345678],
			[' 42 ', 42],
			['007', 7],
			[Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
			[String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
		])('accepts %j as %d', (value, id) => {
			expect(assertPositiveId(value, 'Order ID')).toBe(id);
		});

		it.each([
			[0, '0'],
			['0', '"0"'],
			[-1, '-1'],
			['-1', '"-1"'],
			[1.5, '1.5'],
			['1.5', '"1.5"'],
			['abc', '"abc"'],
			['1/../../user/me', '"1/../../user/me"'],
			['12?x=1', '"12?x=1"'],
			['12#x', '"12#x"'],
			['12%2F..', '"12%2F.."'],
			['1e3', '"1e3"'],
			['0x10', '"0x10"'],
			['+1', '"+1"'],
			['1 2', '"1 2"'],
			['١٢', '"١٢"'],
			['', '""'],
			['   ', '"   "'],
			[NaN, 'NaN'],
			[Infinity, 'Infinity'],
			[-Infinity, '-Infinity'],
			[Number.MAX_SAFE_INTEGER + 1, String(Number.MAX_SAFE_INTEGER + 1)],
			['9007199254740993', '"9007199254740993"'],
			[null, 'null'],
			[undefined, 'nothing'],
			[true, 'true'],
			[{ id: 1 }, 'an object {"id":1}'],
			[[1], 'a list [1]'],
		])('refuses %j, naming the parameter and the value', (value, shown) => {
			expect(() => assertPositiveId(value, 'Order ID')).toThrow(
				new Error(`Order ID must be a positive whole number, but it is ${shown}`),
			);
		});

		it('accepts every safe positive integer, as a number and as a string', () => {
			fc.assert(
				fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
					expect(assertPositiveId(n, 'ID')).toBe(n);
					expect(assertPositiveId(String(n), 'ID')).toBe(n);
				}),
			);
		});

		it('returns a number whose decimal form is only digits, so it cannot change a request path', () => {
			fc.assert(
				fc.property(fc.oneof(fc.string(), fc.integer(), fc.double()), (value) => {
					let id: number;
					try {
						id = assertPositiveId(value, 'ID');
					} catch (error) {
						expect((error as Error).message).toMatch(
							/^ID must be a positive whole number, but it is /,
						);
						return;
					}
					expect(String(id)).toMatch(/^[1-9]\d*$/);
				}),
			);
		});
	});

	describe('assertBoolean', () => {
		it.each([
			[true, true],
			[false, false],
			['true', true],
			['false', false],
		])('accepts %j', (value, expected) => {
			expect(assertBoolean(value, 'Show Archived')).toBe(expected);
		});

		it.each([
			['yes', '"yes"'],
			[1, '1'],
			[undefined, 'nothing'],
			['', '""'],
		])('refuses %j, naming the parameter and the value', (value, shown) => {
			expect(() => assertBoolean(value, 'Show Archived')).toThrow(
				new Error(`Show Archived must be true or false, but it is ${shown}`),
			);
		});
	});
});

describe('odd values and how they are shown', () => {
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
			expect(() => assertPositiveId(value, 'Order ID')).toThrow(
				/^Order ID must be a positive whole number, but it is /,
			);
		});
	});

	describe('assertBoolean', () => {
		// What it accepts is tested above.
		it.each(['yes', 1, 0, null, [], {}])('refuses %j', (value) => {
			expect(() => assertBoolean(value, 'Show Archived')).toThrow(
				'Show Archived must be true or false',
			);
		});
	});

	describe('describe (values in messages)', () => {
		it('says what kind of value it is, and cuts long ones', () => {
			expect(quoteValue('12/..')).toBe('"12/.."');
			expect(quoteValue(undefined)).toBe('nothing');
			expect(quoteValue([1])).toBe('a list [1]');
			expect(quoteValue({ a: 1 })).toBe('an object {"a":1}');
			expect(quoteValue('x'.repeat(1000)).length).toBeLessThan(70);
		});

		it('survives values JSON cannot show', () => {
			const circular: Record<string, unknown> = {};
			circular.self = circular;
			expect(quoteValue(circular)).toContain('object');
			// A bigint reads as the number it is (JSON.stringify would throw on it).
			expect(quoteValue(BigInt(5))).toBe('5');
			expect(quoteValue(circular)).toBe('an object [object Object]');
		});
	});
});

describe('assertOrderIdentifier', () => {
	const thumbprint = 'A1B2C3D4E5F60718293A4B5C6D7E8F9001122334';
	it('takes an order ID, a thumbprint (40 hex digits) or a serial number (hex), with or without separators', () => {
		expect(assertOrderIdentifier(12345678, 'Order ID')).toEqual({ kind: 'id', value: '12345678' });
		expect(assertOrderIdentifier(' 42 ', 'Order ID')).toEqual({ kind: 'id', value: '42' });
		expect(assertOrderIdentifier(thumbprint.toLowerCase(), 'Order ID')).toEqual({
			kind: 'thumbprint',
			value: thumbprint,
		});
		expect(assertOrderIdentifier(thumbprint.match(/../g)!.join(':'), 'Order ID')).toEqual({
			kind: 'thumbprint',
			value: thumbprint,
		});
		expect(assertOrderIdentifier('0a 1b 2c', 'Order ID')).toEqual({
			kind: 'serial',
			value: '0A1B2C',
		});
		// Too long for an ID: a serial number in decimal digits only.
		expect(assertOrderIdentifier('01234567890123456789', 'Order ID')).toEqual({
			kind: 'serial',
			value: '01234567890123456789',
		});
	});

	it.each([['12/../x'], ['AB?x'], ['..'], [''], ['0'], [{}], [null], [1.5], ['A'.repeat(65)]])(
		'refuses %j',
		(value) => {
			expect(() => assertOrderIdentifier(value, 'Order ID')).toThrow(
				/^Order ID must be an order ID \(a whole number\), or the thumbprint/,
			);
		},
	);
});
