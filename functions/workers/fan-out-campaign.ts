import { MAX_QUEUE_DELAY_SECONDS } from '../../shared/core/ports';
import { FanOutMessage } from '../../workflows/campaigns/campaign';
import { fanOutSegment, startCampaign } from '../../workflows/campaigns/fan-out';
import {
  campaignFanOutQueue,
  campaignFanOutRedelivery,
  sendJobSink,
} from '../runtime/campaign-queues';
import { logger } from '../runtime/observability';
import { queueWorker } from '../runtime/queue-worker';

/**
 * How long a segment may run before handing the rest to a fresh delivery: well inside the
 * consumer's 15 minutes, so a page under way always has time to commit.
 */
const SEGMENT_BUDGET_MS = 12 * 60 * 1000;

/**
 * A failed start or segment (throttling, a network error) comes back after 10 s, 20 s, 40 s, …,
 * at most 15 minutes, not after the queue's 90-minute visibility timeout: a broadcast is urgent,
 * and a segment resumes from its committed cursor anyway.
 */
export function fanOutBackOffSeconds(receiveCount: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, 10 * 2 ** (Math.max(1, receiveCount) - 1));
}

/** Starts a campaign's fan-out, or puts one scan segment's send jobs on the send queue. */
export const handler = queueWorker(
  'campaignFanOut',
  FanOutMessage,
  async (message, services) => {
    const startedAt = Date.now();
    const deps = {
      campaigns: services.campaigns(),
      audience: services.campaignAudience(),
      sendJobs: sendJobSink(),
      fanOut: campaignFanOutQueue(),
      settings: await services.settings().get(),
      clock: services.clock,
      shouldYield: () => Date.now() - startedAt > SEGMENT_BUDGET_MS,
    };
    const outcome =
      message.kind === 'start'
        ? await startCampaign(deps, message.campaignId)
        : await fanOutSegment(deps, message);
    logger.info('Campaign fan-out', { ...message, outcome });
  },
  { redelivery: campaignFanOutRedelivery, backOffSeconds: fanOutBackOffSeconds },
);
