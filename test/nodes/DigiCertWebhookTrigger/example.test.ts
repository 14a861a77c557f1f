/**
 * examples/certificate-issued-deploy-slack.json: its trigger, published as shipped, turns an order
 * issued in the fake into the item the next nodes read (binary certificate and chain, order details).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { credentialFor } from '../../helpers/fake';
import { useFakeCertCentral } from '../../helpers/useFakeCertCentral';
import {
	WEBHOOK_TRIGGER_TYPE,
	WebhookTriggerHarness,
	webhookTriggerNode,
} from '../../helpers/webhookTrigger';

const example = JSON.parse(
	readFileSync(join(__dirname, '../../../examples/certificate-issued-deploy-slack.json'), 'utf8'),
);
const server = useFakeCertCentral({ fresh: true });

it('the shipped trigger gives the next nodes the files and the fields they read', async () => {
	const shipped = example.nodes.find((n: any) => n.type === WEBHOOK_TRIGGER_TYPE);
	expect(shipped.credentials).toEqual({
		digiCertApi: { id: expect.any(String), name: 'DigiCert sandbox' },
	});
	const harness = new WebhookTriggerHarness(
		{ ...webhookTriggerNode(shipped.parameters, shipped.name), webhookId: shipped.webhookId },
		credentialFor(server),
	);
	await harness.start();
	try {
		await harness.activate();
		const order = server.data.addOrder({ status: 'pending', commonName: 'www.example.com' });
		server.data.setOrderStatus(order.id, 'issued');
		await server.data.webhookSettled();
		expect(harness.executions).toHaveLength(1);
		const [item] = harness.executions[0];
		// What Write certificate, Write chain, Reload web servers and Tell Slack read.
		expect(item.binary?.certificate.fileName).toBe('www.example.com.crt');
		expect(item.binary?.chain.fileName).toBe('www.example.com.chain.crt');
		expect(item.json).toMatchObject({
			order_id: order.id,
			order: { certificate: { common_name: 'www.example.com', valid_till: expect.any(String) } },
		});
		const names = example.nodes.map((n: any) => n.name);
		for (const [from, to] of Object.entries(example.connections) as any)
			expect(names).toEqual(expect.arrayContaining([from, to.main[0][0].node]));
	} finally {
		await harness.close();
	}
});
