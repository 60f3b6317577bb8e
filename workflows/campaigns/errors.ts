import { NotFoundError, RegularsError } from '../../shared/core/errors';

export class CampaignNotFoundError extends NotFoundError {
  readonly code = 'campaign-not-found';
  readonly title = 'No such campaign';
  constructor(readonly campaignId: string) {
    super(`No campaign ${campaignId}`);
  }
}

/** The idempotency key was used before for a different request. */
export class IdempotencyKeyReusedError extends RegularsError {
  readonly code = 'idempotency-key-reused';
  constructor(readonly campaignId: string) {
    super(
      `This Idempotency-Key already created campaign ${campaignId} from a different request; use a new key`,
    );
  }
}

/** A cancel that comes too late: every message of the campaign has been settled. */
export class CampaignFinishedError extends RegularsError {
  readonly code = 'campaign-finished';
  constructor(readonly campaignId: string) {
    super(`Campaign ${campaignId} has finished sending; there is nothing left to cancel`);
  }
}
