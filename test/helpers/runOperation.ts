import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { digiCertNode, inputNodes, runWorkflow } from './engine';
import type { FakeCertCentral } from './fake';
import { credentialFor } from './fake';

/** Runs one DigiCert operation through n8n's engine against `server`, after input nodes giving `input`. */
export async function runOperation(
	server: FakeCertCentral,
	resource: string,
	operation: string,
	parameters: INodeParameters,
	input: IDataObject[] = [{}],
	extra = {},
) {
	return await runWorkflow(
		[...inputNodes(input), digiCertNode({ resource, operation, ...parameters }, extra)],
		{
			credentials: credentialFor(server),
		},
	);
}
