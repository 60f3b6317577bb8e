import { sendConfig } from '../runtime/send-config';
import { sendJobWorker } from '../runtime/send-job-worker';
import { emfSendMetrics } from '../runtime/send-metrics';
import { sendJobQueue, sendRedelivery } from '../runtime/send-queues';
import { services } from '../runtime/services';
import { TokenBucket } from '../runtime/token-bucket';

let bucket: TokenBucket | undefined;
let metrics: ReturnType<typeof emfSendMetrics> | undefined;

/**
 * Sends the jobs of the send queue, at most SEND_RATE_PER_SECOND provider calls a second per
 * instance (the bucket lives as long as the instance, across batches).
 */
export const handler = sendJobWorker(async () => {
  const { SEND_RATE_PER_SECOND: rate, AWS_LAMBDA_FUNCTION_NAME: lambda } = sendConfig();
  bucket ??= new TokenBucket(rate);
  metrics ??= emfSendMetrics(lambda !== undefined);
  return {
    dispatchDeps: () => services.dispatch(),
    queue: sendJobQueue(),
    deferredJobs: services.deferredJobs(),
    redelivery: sendRedelivery(),
    clock: services.clock,
    rateLimit: bucket,
    metrics,
  };
});
