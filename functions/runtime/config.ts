import { z } from 'zod';

/**
 * The function's configuration, parsed once. In AWS the address-hashing key comes from Secrets
 * Manager by ARN and exports go to S3; locally `npm start` passes the key itself and a folder.
 */
const Config = z.object({
  TABLE_NAME: z.string().min(1),
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
  /** Only the functions that send (needs.sending) get these. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** The SSM parameter holding the API's public base URL, in AWS; the URL itself, locally. */
  PUBLIC_BASE_URL_PARAMETER: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  /** Locally: SMS go to this JSON-lines file instead of SNS. */
  SMS_OUTBOX_FILE: z.string().min(1).optional(),
});
export type Config = z.infer<typeof Config>;

let parsed: Config | undefined;

export function config(): Config {
  parsed ??= Config.parse(process.env);
  return parsed;
}
