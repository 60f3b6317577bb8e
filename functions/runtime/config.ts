import { z } from 'zod';

/**
 * The function's configuration, parsed once. In AWS the address-hashing key comes from Secrets
 * Manager by ARN and exports go to S3; locally `npm start` passes the key itself and a folder.
 * Every variable is optional or defaulted, since each function gets only what its `needs` name;
 * code that cannot work without one reads it through {@link required}, which says how to get it.
 */
const Config = z.object({
  /** Every function that declares needs.table. */
  TABLE_NAME: z.string().min(1).optional(),
  /** Only the functions that hash addresses get one of these two (needs.addressHashing). */
  ADDRESS_HASH_SECRET_ARN: z.string().startsWith('arn:').optional(),
  ADDRESS_HASH_SECRET: z.string().min(32).optional(),
  /** Only the export functions get these (needs.exportBucket). */
  EXPORT_BUCKET: z.string().min(1).optional(),
  EXPORT_DIR: z.string().min(1).optional(),
  EXPORT_BASE_URL: z.url().optional(),
  /** Only the functions that send export jobs get this (needs.queues); `local://…` locally. */
  EXPORT_QUEUE_URL: z.string().min(1).optional(),
  /** Only the functions that enqueue send jobs get this (needs.queues: sendJobs). */
  SEND_QUEUE_URL: z.string().min(1).optional(),
  /** Only the functions that send email (needs.sending) or pause it (pausesEmail) get this. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** The SSM parameter holding the API's public base URL, in AWS; the URL itself, locally. */
  PUBLIC_BASE_URL_PARAMETER: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  /** Locally: SMS go to this JSON-lines file instead of SNS. */
  SMS_OUTBOX_FILE: z.string().min(1).optional(),
  /**
   * The send worker's provider calls per second per instance, set from the consumer's
   * ratePerSecond (functions/queues.ts); at least 1, so a batch of 10 fits its lease.
   */
  SEND_RATE_PER_SECOND: z.coerce.number().min(1).max(1000).default(6),
  /**
   * The consumer's own dead-letter queue, for the consumers that forward to it
   * (forwardsToDeadLetterQueue); unset locally, where the in-process queue keeps dead letters.
   */
  DEAD_LETTER_QUEUE_URL: z.string().min(1).optional(),
});
export type Config = z.infer<typeof Config>;

let parsed: Config | undefined;

export function config(): Config {
  parsed ??= Config.parse(process.env);
  return parsed;
}

type OptionalKey = {
  [K in keyof Config]-?: undefined extends Config[K] ? K : never;
}[keyof Config];

/** A variable this code cannot work without; throws, saying which declaration grants it. */
export function required<K extends OptionalKey>(
  name: K,
  grantedBy: string,
): NonNullable<Config[K]> {
  const value = config()[name];
  if (value === undefined) throw new Error(`${name} is not set: ${grantedBy}`);
  return value as NonNullable<Config[K]>;
}
