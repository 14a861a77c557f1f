/**
 * The whole-day filters send the picked day in every time zone: getMany.dateFilters.zoned.test.ts run in
 * child processes east and west of UTC (the process zone TZ and n8n's GENERIC_TIMEZONE both), since
 * a jest test cannot change its own process's zone.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../../..');
const JEST = require.resolve('jest/bin/jest');
const ZONED = path.join(__dirname, 'getMany.dateFilters.zoned.test.ts');

const zones = [
	{ TZ: 'Europe/Berlin', GENERIC_TIMEZONE: 'Asia/Tokyo' },
	{ TZ: 'America/Los_Angeles', GENERIC_TIMEZONE: 'Pacific/Honolulu' },
	{ TZ: 'Pacific/Kiritimati', GENERIC_TIMEZONE: 'Pacific/Kiritimati' },
];

describe.each(zones)(
	'Get Many Orders date filters in TZ=$TZ, GENERIC_TIMEZONE=$GENERIC_TIMEZONE',
	(zone) => {
		it('send the day the user picked (the engine run in that zone passes)', () => {
			const env: NodeJS.ProcessEnv = { ...process.env, ...zone, DIGICERT_ZONED_RUN: '1' };
			delete env.JEST_WORKER_ID;
			const child = spawnSync(
				process.execPath,
				[JEST, '--selectProjects', 'unit', '--runTestsByPath', ZONED, '--ci', '--colors=false'],
				{
					cwd: ROOT,
					env,
					encoding: 'utf8',
					timeout: 120_000,
				},
			);
			const output = `${child.stdout}\n${child.stderr}`;
			// Every test ran and passed; none was skipped (the file skips itself outside a zoned run).
			expect({ status: child.status, output }).toEqual({
				status: 0,
				output: expect.stringMatching(/Tests:\s+4 passed, 4 total/),
			});
		});
	},
);
