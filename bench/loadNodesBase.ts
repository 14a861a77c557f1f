/**
 * Loads n8n's own HTTP Request and Split Out nodes from the real n8n install the end-to-end tests
 * use (scripts/ensure-n8n.sh caches it), so the benchmark compares the DigiCert node with the node
 * a user would pick instead, inside the same engine. n8n-nodes-base is made to share this project's
 * n8n-workflow, n8n-core and @n8n/* packages (same versions): one DI container, one engine.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import { PROJECT_ROOT } from './data';

export function n8nInstallDir(): string {
	const cache = process.env.DIGICERT_CACHE_DIR ?? join(homedir(), '.cache', 'n8n-nodes-digicert');
	return join(cache, 'n8n-2.41.1');
}

const SHARED = /^(n8n-workflow|n8n-core|@n8n\/)/;

function shareEnginePackages(installDir: string) {
	const Module = require('node:module') as {
		_resolveFilename: (
			request: string,
			parent: { filename?: string } | undefined,
			...rest: unknown[]
		) => string;
	};
	const original = Module._resolveFilename;
	Module._resolveFilename = function (request, parent, ...rest) {
		if (SHARED.test(request) && parent?.filename?.startsWith(installDir)) {
			try {
				return require.resolve(request, { paths: [PROJECT_ROOT] });
			} catch {
				// not in this project: n8n's own copy
			}
		}
		return original.call(this, request, parent, ...rest);
	};
}

export type NodeClass = INodeType | IVersionedNodeType;

/** The HTTP Request and Split Out node types, or the reason they could not be loaded. */
export function loadNodesBase():
	{ httpRequest: NodeClass; splitOut: NodeClass } | { error: string } {
	const installDir = n8nInstallDir();
	const base = join(installDir, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes');
	try {
		shareEnginePackages(installDir);
		const { HttpRequest } = require(join(base, 'HttpRequest', 'HttpRequest.node.js'));
		const { SplitOut } = require(join(base, 'Transform', 'SplitOut', 'SplitOut.node.js'));
		return { httpRequest: new HttpRequest(), splitOut: new SplitOut() };
	} catch (error) {
		return {
			error: `n8n-nodes-base not loadable from ${installDir}: ${(error as Error).message.split('\n')[0]}`,
		};
	}
}
