import { createCampaignRoute } from './create-campaign-route';

/**
 * A promotion to a segment, now or at `sendAt` (a one-time schedule): 201 the first time, 200
 * with the same campaign when the same Idempotency-Key comes again. Follow `location` for progress.
 */
export const handler = createCampaignRoute('promotion');
