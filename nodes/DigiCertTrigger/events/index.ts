import { certificateExpiring } from './certificateExpiring';
import { orderStatusChanged } from './orderStatusChanged';
import { requestPending } from './requestPending';
import { requestStatusChanged } from './requestStatusChanged';
import type { DigiCertTriggerEvent } from './types';

/** Every event the trigger can watch; the first is the default. */
export const events = [requestPending, requestStatusChanged, orderStatusChanged, certificateExpiring] as unknown as DigiCertTriggerEvent[];
