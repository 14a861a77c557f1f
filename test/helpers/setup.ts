import { keyPacers } from '../../nodes/common/rateLimiter';

// Each test starts as a fresh n8n process would: no key paced, none blocked.
beforeEach(() => keyPacers.reset());
