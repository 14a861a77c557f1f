/** End-to-end: the package in n8n 2.41.1 on Node 24 (see support/suite.ts and cases.ts). */
import { describeInRealN8n } from './support/suite';

describeInRealN8n(2);
