import { describeReissueOrDuplicate } from '../../../../helpers/reissueOrDuplicateCases';
import { useFakeCertCentral } from '../../../../helpers/useFakeCertCentral';

// A fresh fake each test: duplicates change its data.
const server = useFakeCertCentral({ fresh: true });

describeReissueOrDuplicate(server, 'duplicate');
