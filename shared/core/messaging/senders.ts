/**
 * The ports the dispatcher sends through. Adapters (SES v2, SNS, the local SMS outbox) implement
 * them and translate every provider failure into one of the errors in `./errors`, so the core
 * decides retry, back-off or `unknown` without seeing a provider type.
 */

/** `List-Unsubscribe` and RFC 8058 one-click: every email the product sends carries both. */
export interface ListUnsubscribeHeaders {
  /** e.g. `<https://…/unsubscribe/TOKEN>, <mailto:unsubscribe@…?subject=TOKEN>` */
  readonly 'List-Unsubscribe': string;
  readonly 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click';
}

export interface EmailAddress {
  readonly address: string;
  /** Display name; any language (adapters encode it as the wire format needs). */
  readonly name?: string;
}

/** One rendered email to one recipient. */
export interface OutgoingEmail {
  readonly to: string;
  readonly from: EmailAddress;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers: ListUnsubscribeHeaders;
  /** SES configuration set whose event destination reports bounces and complaints. */
  readonly configurationSetName?: string;
  /** Message tags echoed back in delivery events (SES: ASCII letters, digits, `_ - .` only). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** SNS's SMS types: Promotional may be cheaper and slower; Transactional is for order updates. */
export type SmsType = 'Promotional' | 'Transactional';

/** One SMS to one phone number. */
export interface OutgoingSms {
  /** E.164, e.g. `+84912345678`. */
  readonly to: string;
  /** The registered brandname sender id, or null to let the provider choose. */
  readonly senderId: string | null;
  readonly text: string;
  readonly type: SmsType;
}

/** What the provider said when it accepted the message. */
export interface SendReceipt {
  readonly providerMessageId: string;
}

/**
 * Sends one email. Resolves once the provider accepted it; otherwise throws
 * `ProviderThrottledError`, `ProviderRejectedError` or `ProviderOutcomeUnknownError`.
 */
export interface EmailSender {
  send(email: OutgoingEmail): Promise<SendReceipt>;
}

/** Sends one SMS, with the same outcomes as {@link EmailSender}. */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<SendReceipt>;
}
