import { z } from 'zod';

/**
 * The send worker's own settings, parsed once (kept apart from config.ts, which every function
 * reads). The account's send rate is about SEND_RATE_PER_SECOND × the consumer's maxConcurrency
 * (functions/queues.ts): 10 × 2 = 20 messages a second by default, under SES's starting quota.
 */
const SendConfig = z.object({
  /** Provider calls per second of one consumer instance; at least 1, so a batch of 10 fits its lease. */
  SEND_RATE_PER_SECOND: z.coerce.number().min(1).max(1000).default(10),
  /** The send queue's dead-letter queue, where jobs that cannot be built go at once (AWS only). */
  SEND_DEAD_LETTER_QUEUE_URL: z.string().min(1).optional(),
  /** Set by Lambda; metrics are written as CloudWatch EMF only there. */
  AWS_LAMBDA_FUNCTION_NAME: z.string().min(1).optional(),
});
export type SendConfig = z.infer<typeof SendConfig>;

let parsed: SendConfig | undefined;

export function sendConfig(): SendConfig {
  parsed ??= SendConfig.parse(process.env);
  return parsed;
}
