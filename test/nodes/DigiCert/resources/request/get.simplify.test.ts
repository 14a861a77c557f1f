import { fakeData } from '../../../../helpers/fake';
import { runOperation } from '../../../../helpers/runOperation';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

// A fresh fake: the request is decided here.
const server = useFakeCertCentral({ fresh: true });
const REQUEST = fakeData.PENDING_REQUEST_ID;

describe('Get Request, simplified', () => {
	it('keeps who decided the request, when and why (processor, date_processed, processor_comment)', async () => {
		const rejected = await runOperation(
			server,
			'request',
			'reject',
			{ requestId: REQUEST, comment: 'Wrong organization: see TICKET-12' },
			[{}],
			{ typeVersion: 1.2 },
		);
		expect(rejected.error).toBeUndefined();
		const raw = server.data.requests.get(REQUEST);

		const result = await runOperation(server, 'request', 'get', { requestId: REQUEST }, [{}], {
			typeVersion: 1.2,
		});
		expect(result.error).toBeUndefined();
		const item = result.items()[0].json;
		expect(item).toMatchObject({
			id: REQUEST,
			status: 'rejected',
			processor: `${raw.processor.first_name} ${raw.processor.last_name}`,
			processor_email: raw.processor.email,
			date_processed: raw.date_processed,
			processor_comment: 'Wrong organization: see TICKET-12',
		});
		expect(item.date_processed).toEqual(expect.any(String));
	});

	it('a pending request has no decision fields yet', async () => {
		const result = await runOperation(server, 'request', 'get', { requestId: REQUEST }, [{}], {
			typeVersion: 1.2,
		});
		expect(Object.keys(result.items()[0].json)).not.toEqual(expect.arrayContaining(['processor']));
		expect(result.items()[0].json).not.toHaveProperty('date_processed');
	});
});
