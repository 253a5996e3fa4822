import { PageQueryDto } from '../page-query.dto';

export const MAX_BATCH_PAGE = 200;

/** `GET /v1/payout-batches?limit=&offset=` (docs/api.md). */
export class ListPayoutBatchesDto extends PageQueryDto(MAX_BATCH_PAGE) {}
