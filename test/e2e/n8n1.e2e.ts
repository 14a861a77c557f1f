/** End-to-end: the package in n8n 1.123.x on Node 20 (see support/suite.ts and cases.ts). */
import { describeInRealN8n } from './support/suite';

describeInRealN8n(1);
