/** Types of n8n.js (the runner is plain JS so scripts can use it without a compiler); see its doc comment. */
import type { ChildProcess } from 'node:child_process';

export type N8nMajor = 1 | 2;
export interface N8nInstall {
	major: N8nMajor;
	version: string;
	/** The Node binary to run this n8n with. */
	node: string;
	/** n8n's bin script. */
	n8nBin: string;
}
export interface CommandResult {
	code: number | null;
	/** The signal that ended n8n, when one did. */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}
export interface CredentialSpec {
	id: string;
	name: string;
	/** Default: digiCertApi. */
	type?: string;
	/** Plain values; n8n encrypts them on import. */
	data: Record<string, unknown>;
}
export interface RunItem {
	json: Record<string, any>;
	pairedItem?: any;
	error?: any;
}
export interface ExecuteResult {
	/** n8n's exit status: false when a node failed (without continue-on-fail); see runSucceeded. */
	ok: boolean;
	code: number | null;
	signal: NodeJS.Signals | null;
	/** The parsed run (`data.resultData.runData`, `status`, …), undefined when none was printed. */
	run: any;
	stdout: string;
	stderr: string;
	/** The json of a node's output items (first run, output 0 unless given). */
	items(nodeName: string, output?: number): Array<Record<string, any>>;
	rawItems(nodeName: string, output?: number): RunItem[];
	/** The error a node stopped with, if it did. */
	nodeError(nodeName: string): any;
	/** The run's error (the failing node's). */
	error: any;
}
export interface RunningN8n {
	url: string;
	port: number;
	process: ChildProcess;
	stop(): Promise<void>;
	log(): string;
}
export interface N8nHome {
	n8n: N8nInstall;
	userFolder: string;
	packageDir: string;
	env: Record<string, string>;
	run(
		args: string[],
		options?: { env?: Record<string, string>; timeoutMs?: number },
	): Promise<CommandResult>;
	importCredential(credentials: CredentialSpec | CredentialSpec[]): Promise<void>;
	/** Workflow objects or JSON file paths (imported unchanged); each needs an `id` (≤ 21 chars). */
	importWorkflow(workflows: unknown): Promise<void>;
	executeWorkflow(id: string, options?: { env?: Record<string, string> }): Promise<ExecuteResult>;
	startN8n(options?: {
		port?: number;
		env?: Record<string, string>;
		output?: 'pipe' | 'inherit';
		timeoutMs?: number;
	}): Promise<RunningN8n>;
	cleanup(): Promise<void>;
}

export function ensureN8n(major?: N8nMajor, options?: { quiet?: boolean }): Promise<N8nInstall>;
export function createN8nHome(options?: {
	major?: N8nMajor;
	install?: 'copy' | 'link';
	userFolder?: string;
	env?: Record<string, string>;
	quietInstall?: boolean;
}): Promise<N8nHome>;
export function setupOwner(
	url: string,
	owner: { email: string; password: string; firstName?: string; lastName?: string },
): Promise<{ cookie: string }>;
export function freePort(): Promise<number>;
export function parseRunOutput(stdout: string): any;
export function runSucceeded(
	exit: { code: number | null; signal: NodeJS.Signals | null },
	run: any,
): boolean;
export const REPO_ROOT: string;
export const PACKAGE_NAME: string;
export const NODE_TYPE: string;
export const CREDENTIAL_TYPE: string;
