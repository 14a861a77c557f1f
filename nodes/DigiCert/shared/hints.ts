import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Something the user should see that is not an error (the run goes on): a warning in the node's
 * output pane in the editor, and a line in n8n's log for production runs.
 */
export function warnUser(context: IExecuteFunctions, message: string): void {
	context.addExecutionHints({ message, type: 'warning', location: 'outputPane' });
	context.logger.warn(`DigiCert node "${context.getNode().name}": ${message}`, {
		workflowId: context.getWorkflow().id,
	});
}
