/**
 * The time the nodes count days and windows from (ms): the machine's clock. One place to read it,
 * so tests pin it (`jest.spyOn(clock, 'now')`) rather than race midnight.
 */
export const clock = { now: (): number => Date.now() };
