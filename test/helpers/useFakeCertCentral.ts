import type { FakeCertCentral } from './fake';
import { startFakeCertCentral } from './fake';

type StartOptions = NonNullable<Parameters<typeof startFakeCertCentral>[0]>;

/**
 * The fake-server setup of a test file (or describe block): a fake CertCentral started before its
 * tests and closed after them, its recorded requests and faults cleared before each test. With
 * `fresh: true` every test gets a new fake instead (for tests that change its data, e.g. approve).
 * Returns a stand-in for the running fake, usable as `server` anywhere in the tests.
 */
export function useFakeCertCentral(
	options: StartOptions & { fresh?: boolean } = {},
): FakeCertCentral {
	const { fresh = false, ...startOptions } = options;
	let current: FakeCertCentral | undefined;
	const start = async () => {
		current = await startFakeCertCentral(startOptions);
	};
	const stop = async () => {
		await current?.close();
		current = undefined;
	};
	if (fresh) {
		beforeEach(start);
		afterEach(stop);
	} else {
		beforeAll(start);
		afterAll(stop);
		beforeEach(() => current?.reset());
	}
	return new Proxy({} as FakeCertCentral, {
		get(_target, property) {
			if (current === undefined)
				throw new Error(
					'The fake CertCentral runs only while tests run (useFakeCertCentral starts it)',
				);
			const value: unknown = Reflect.get(current, property);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(current)
				: value;
		},
	});
}
