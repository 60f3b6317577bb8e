import { z } from 'zod';

/**
 * The SES identity a shop sends email from: a verified domain (`an-coffee.vn`), or a single
 * verified address. The stack grants `ses:SendEmail` on this identity only, so the owner's
 * sender address (settings.emailSender) must belong to it.
 */
export const SenderIdentity = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'Context value `senderIdentity` is missing: pass -c senderIdentity=<the SES identity the shop sends from, e.g. an-coffee.vn>.'
        : 'Context value `senderIdentity` must be a string, e.g. -c senderIdentity=an-coffee.vn.',
  })
  .trim()
  .toLowerCase()
  .regex(/^([^@\s]+@)?([a-z0-9-]+\.)+[a-z0-9-]{2,}$/, {
    error:
      'Context value `senderIdentity` must be a domain or an email address verified in SES, e.g. -c senderIdentity=an-coffee.vn.',
  });

export type SenderIdentity = z.infer<typeof SenderIdentity>;

/**
 * The SMS month-to-date spend (USD) that raises the spend alarm. SNS stops sending SMS at the
 * account's spend limit, 1 USD a month until AWS raises it, so the alarm fires before that.
 */
export const SmsSpendAlarmUsd = z.coerce
  .number({ error: 'Context value `smsSpendAlarmUsd` must be a number of US dollars, e.g. 0.8.' })
  .positive({ error: 'Context value `smsSpendAlarmUsd` must be above 0, e.g. 0.8.' })
  .default(0.8);

/** Who receives the sending alarms by email; optional, the alarms show in the console anyway. */
export const AlarmEmail = z
  .email({ error: 'Context value `alarmEmail` must be an email address.' })
  .optional();

/** The sending settings a shop's stacks read from the CDK context, validated. */
export interface SendingContext {
  readonly senderIdentity: SenderIdentity;
  readonly smsSpendAlarmUsd: number;
  readonly alarmEmail?: string;
}

/** Reads and validates the sending context values, throwing an error that says how to fix them. */
export function parseSendingContext(values: {
  senderIdentity: unknown;
  smsSpendAlarmUsd: unknown;
  alarmEmail: unknown;
}): SendingContext {
  const result = z
    .object({
      senderIdentity: SenderIdentity,
      smsSpendAlarmUsd: SmsSpendAlarmUsd,
      alarmEmail: AlarmEmail,
    })
    .safeParse(values);
  if (!result.success) {
    throw new Error(result.error.issues.map((issue) => issue.message).join('\n'));
  }
  const { alarmEmail, ...rest } = result.data;
  return alarmEmail === undefined ? rest : { ...rest, alarmEmail };
}
