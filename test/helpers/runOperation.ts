import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { capturedLogs, digiCertNode, inputNodes, runWorkflow } from './engine';
import type { FakeCertCentral } from './fake';
import { credentialFor } from './fake';
import { expectNoKey } from './secrets';

export interface DigiCertRunOptions {
	/** The items the DigiCert node gets (default: one empty item). */
	input?: IDataObject[];
	/** More of the node than its parameters: typeVersion, onError, the tool's type, ... */
	node?: Partial<INode>;
	/** Changes to the credential for `server`, e.g. another region or API key. */
	credential?: Record<string, unknown>;
	/** Secrets (API keys) the run must not show: in its data, its error or anything n8n logged. */
	neverShown?: string[];
}

/**
 * Runs the DigiCert node with `parameters` through n8n's engine, after input nodes giving the items,
 * with the credential for `server`: the one way tests run an operation.
 */
export async function runDigiCert(
	server: FakeCertCentral,
	parameters: INodeParameters,
	{ input = [{}], node = {}, credential, neverShown }: DigiCertRunOptions = {},
) {
	const result = await runWorkflow([...inputNodes(input), digiCertNode(parameters, node)], {
		credentials: credentialFor(server, credential),
	});
	if (neverShown !== undefined) expectNoKey([result.run, result.error, capturedLogs], neverShown);
	return result;
}

/** Runs one DigiCert operation through n8n's engine against `server`, after input nodes giving `input`. */
export async function runOperation(
	server: FakeCertCentral,
	resource: string,
	operation: string,
	parameters: INodeParameters,
	input: IDataObject[] = [{}],
	node: Partial<INode> = {},
) {
	return await runDigiCert(server, { resource, operation, ...parameters }, { input, node });
}
