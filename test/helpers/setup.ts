import { REAL_CLOCK } from '../../nodes/common/clock';
import { keyPacers } from '../../nodes/common/rateLimiter';

// Each test starts as a fresh n8n process would: no key paced, none blocked, the real clock (a test
// that gave the pacers a virtual clock must not leave it to the next, where it never moves).
beforeEach(() => keyPacers.reset(REAL_CLOCK));
