import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../../common/types';

/** What an event may ask of DigiCert: lists (every page) and single records. */
export interface DigiCertSource {
	/** Every element of a paginated list (up to `maxItems`); an empty list is `[]`. */
	list(
		path: string,
		qs: IDataObject,
		rootProperty: string,
		maxItems?: number,
	): Promise<IDataObject[]>;
	/** One record, or `undefined` when DigiCert says it does not exist (404). */
	get(path: string, subject: string): Promise<IDataObject | undefined>;
	/** A JSON answer as it is (for routes that are not paginated). */
	fetch(path: string, qs: IDataObject): Promise<IDataObject>;
}

/** One poll's result: the event items to emit and the state to remember for the next poll. */
export interface PollOutcome<S> {
	events: IDataObject[];
	state: S;
	/** Something the user should know that is not an error (the node logs it as a warning). */
	warning?: string;
}

/**
 * One event of the trigger, declared as data like the DigiCert node's operations: its fields, how
 * its parameters are read, how a poll turns what DigiCert says now (and what the last poll
 * remembered) into events, and what a manual test run shows.
 */
export interface DigiCertTriggerEvent<P = IDataObject, S = IDataObject> {
	/** The `event` parameter's value. */
	value: string;
	name: string;
	description: string;
	/** Its own fields; the node adds the displayOptions that tie them to this event. */
	properties: INodeProperties[];
	/** The event's parameters; `node` is the trigger node (its typeVersion chooses some queries; typeVersion 1 when not given). */
	readParameters(read: ParameterReader, node?: { typeVersion: number }): P;
	/** The remembered state, if it is one this event can use; anything else counts as none. */
	readState(stored: unknown): S | undefined;
	/**
	 * One poll at time `now` (ms). With no `previous` state (the first poll) it only records the
	 * present: the node emits nothing then, whatever `events` holds.
	 */
	poll(
		source: DigiCertSource,
		parameters: P,
		previous: S | undefined,
		now: number,
	): Promise<PollOutcome<S>>;
	/** A manual test run: the newest matching real records, or one representative item. Changes no state. */
	sample(source: DigiCertSource, parameters: P, now: number): Promise<IDataObject[]>;
}
