import { certificateExpiring } from './certificateExpiring';
import { domainValidationExpiring } from './domainValidationExpiring';
import { orderStatusChanged } from './orderStatusChanged';
import { organizationValidationExpiring } from './organizationValidationExpiring';
import { requestPending } from './requestPending';
import { requestStatusChanged } from './requestStatusChanged';
import type { DigiCertTriggerEvent } from './types';

/** Every event the trigger can watch; the first is the default. */
export const events = [
	requestPending,
	requestStatusChanged,
	orderStatusChanged,
	certificateExpiring,
	domainValidationExpiring,
	organizationValidationExpiring,
] as unknown as DigiCertTriggerEvent[];
