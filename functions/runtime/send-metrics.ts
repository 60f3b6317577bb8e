import type { SendMetric } from './send-job-action';

/** Counts per invocation, written as one CloudWatch embedded-metric-format line. */
export interface SendMetrics {
  count(metric: SendMetric): void;
  flush(): void;
}

/**
 * CloudWatch EMF written to stdout, as Powertools Metrics would (that package is not a dependency
 * yet; swapping it in changes only this module). Off outside Lambda, so `npm start` stays quiet.
 */
export function emfSendMetrics(enabled: boolean, namespace = 'Regulars'): SendMetrics {
  let counts = new Map<SendMetric, number>();
  return {
    count: (metric) => counts.set(metric, (counts.get(metric) ?? 0) + 1),
    flush: () => {
      if (!enabled || counts.size === 0) return;
      const names = [...counts.keys()];
      const line = {
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: namespace,
              Dimensions: [['service']],
              Metrics: names.map((name) => ({ Name: name, Unit: 'Count' })),
            },
          ],
        },
        service: 'regulars',
        ...Object.fromEntries(counts),
      };
      counts = new Map();
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
  };
}
