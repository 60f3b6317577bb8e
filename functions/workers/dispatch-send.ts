import { config } from '../runtime/config';
import { sendJobWorker } from '../runtime/send-job-worker';
import { powertoolsSendMetrics, type SendMetrics } from '../runtime/send-metrics';
import { sendJobQueue, sendRedelivery } from '../runtime/send-queues';
import { services } from '../runtime/services';
import { TokenBucket } from '../runtime/token-bucket';

let bucket: TokenBucket | undefined;
let metrics: SendMetrics | undefined;

/**
 * Sends the jobs of the send queue, at most SEND_RATE_PER_SECOND provider calls a second per
 * instance (the bucket lives as long as the instance, across batches).
 */
export const handler = sendJobWorker(async () => {
  bucket ??= new TokenBucket(config().SEND_RATE_PER_SECOND);
  metrics ??= powertoolsSendMetrics();
  return {
    dispatchDeps: () => services.dispatch(),
    queue: sendJobQueue(),
    deferredJobs: services.deferredJobs(),
    redelivery: sendRedelivery(),
    clock: services.clock,
    rateLimit: bucket,
    metrics,
    tallies: services.tallies(),
  };
});
