import { z } from 'zod';
import { EmailAddress } from './email';
import { LapsePolicy, defaultLapsePolicy } from './lapse/lapse-policy';
import { SendingWindows, defaultSendingWindows } from './messaging/quiet-hours';
import { CurrencyCode, Money } from './money';
import { PhoneRegion } from './phone';
import { typedText } from './text';
import { TimeZone } from './time-zone';

export const Locale = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof Locale>;

/**
 * Decree 91/2020 allows at most three advertising SMS per number and three advertising emails per
 * address in 24 hours; the product's default is one marketing message per recipient.
 */
export const LEGAL_MARKETING_MESSAGES_PER_DAY = 3;

/** Orders within a week of a message count as its own by default; at most within 90 days. */
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 7;
export const MAX_ATTRIBUTION_WINDOW_DAYS = 90;

export const FrequencyCap = z.strictObject({
  marketingMessagesPerDay: z.number().int().min(1).max(LEGAL_MARKETING_MESSAGES_PER_DAY),
});

export const EmailSender = z.strictObject({
  address: EmailAddress,
  name: typedText(100).optional(),
});

/** A registered SMS brandname: Vietnamese carriers allow up to 11 letters, digits, '.', '-' or '_'. */
export const SmsSenderId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,11}$/, 'must be 1–11 letters, digits, ".", "-" or "_"');

export const SmsText = z.enum(['as_written', 'without_diacritics']);
export type SmsText = z.infer<typeof SmsText>;

const settingsFields = {
  name: typedText(100),
  timeZone: TimeZone,
  currency: CurrencyCode,
  defaultPhoneRegion: PhoneRegion,
  locale: Locale,
  emailSender: EmailSender.nullable(),
  smsSenderId: SmsSenderId.nullable(),
  frequencyCap: FrequencyCap,
  /** What one SMS segment costs the shop, for cost estimates; null until the owner sets it. */
  smsPricePerSegment: Money.nullable(),
  /** When a customer counts as lapsed (see README, "When is a customer due"). */
  lapsePolicy: LapsePolicy,
  /**
   * When marketing may go out, in the recipient's local time: email as the shop likes, SMS only
   * within the law's 07:00–22:00.
   */
  sendingWindows: SendingWindows,
  /**
   * A mailbox someone reads, offered as the `mailto:` of List-Unsubscribe; null leaves the mailto
   * out (the one-click https link is always there).
   */
  unsubscribeMailbox: EmailAddress.nullable(),
  /**
   * How SMS go out: as written (Vietnamese diacritics need UCS-2: 70 characters, 67 per part) or
   * without diacritics (GSM-7: 160, 153 per part). `POST /message-previews` shows both costs.
   */
  smsText: SmsText,
  /**
   * How many days after a customer's last marketing message an order counts as that message's
   * (last touch): its workflow or campaign gets the order and its revenue in its results.
   */
  attributionWindowDays: z.number().int().min(1).max(MAX_ATTRIBUTION_WINDOW_DAYS),
};

export const ShopSettings = z.strictObject({
  ...settingsFields,
  // Settings saved before these fields existed read as the defaults.
  lapsePolicy: LapsePolicy.default(defaultLapsePolicy),
  sendingWindows: SendingWindows.default(defaultSendingWindows),
  unsubscribeMailbox: EmailAddress.nullable().default(null),
  smsText: SmsText.default('as_written'),
  attributionWindowDays: z
    .number()
    .int()
    .min(1)
    .max(MAX_ATTRIBUTION_WINDOW_DAYS)
    .default(DEFAULT_ATTRIBUTION_WINDOW_DAYS),
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
});
export type ShopSettings = z.infer<typeof ShopSettings>;

/** What the owner may change; every field optional, unknown fields rejected. */
export const ShopSettingsPatch = z.strictObject(settingsFields).partial();
export type ShopSettingsPatch = z.infer<typeof ShopSettingsPatch>;

/** The settings a new shop starts with: a Vietnamese shop. */
export const defaultShopSettings: ShopSettings = {
  name: 'My shop',
  timeZone: 'Asia/Ho_Chi_Minh',
  currency: 'VND',
  defaultPhoneRegion: 'VN',
  locale: 'vi',
  emailSender: null,
  smsSenderId: null,
  frequencyCap: { marketingMessagesPerDay: 1 },
  smsPricePerSegment: null,
  lapsePolicy: defaultLapsePolicy,
  sendingWindows: defaultSendingWindows,
  unsubscribeMailbox: null,
  smsText: 'as_written',
  attributionWindowDays: DEFAULT_ATTRIBUTION_WINDOW_DAYS,
  version: 0,
  updatedAt: null,
};

export function applySettingsPatch(
  current: ShopSettings,
  patch: ShopSettingsPatch,
  now: string,
): ShopSettings {
  return { ...current, ...patch, version: current.version + 1, updatedAt: now };
}
