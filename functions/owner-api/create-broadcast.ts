import { createCampaignRoute } from './create-campaign-route';

/**
 * An outage broadcast, sent at once: 201 the first time, 200 with the same broadcast when the
 * same Idempotency-Key comes again (a double tap, a retry). Follow `location` for progress.
 */
export const handler = createCampaignRoute('broadcast');
