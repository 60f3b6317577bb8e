import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SendMetric } from './send-job-action';

/** Counts of one invocation, published together when it ends. */
export interface SendMetrics {
  count(metric: SendMetric): void;
  flush(): void;
}

/** Where the send worker's metrics go: namespace `Regulars`, dimension `service: regulars`. */
export const sendMetricsNamespace = 'Regulars';
export const sendMetricsService = 'regulars';

/**
 * The send worker's counts as CloudWatch embedded metric format, written by Powertools Metrics.
 * `POWERTOOLS_METRICS_DISABLED=true` (set by `npm start`) keeps them off stdout locally.
 */
export function powertoolsSendMetrics(
  metrics = new Metrics({ namespace: sendMetricsNamespace, serviceName: sendMetricsService }),
): SendMetrics {
  // Summed here, so a batch writes one value per metric rather than one per record.
  const counts = new Map<SendMetric, number>();
  return {
    count: (metric) => counts.set(metric, (counts.get(metric) ?? 0) + 1),
    flush: () => {
      // Nothing counted, nothing published: Powertools would warn about an empty flush.
      if (counts.size === 0) return;
      for (const [metric, count] of counts) metrics.addMetric(metric, MetricUnit.Count, count);
      counts.clear();
      metrics.publishStoredMetrics();
    },
  };
}
