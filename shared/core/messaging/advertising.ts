import type { Channel, Purpose } from '../consent';
import type { Locale } from '../settings';

/**
 * The label Decree 91/2020 asks for at the start of an advertising SMS and of an advertising
 * email's subject (as design.md summarises it). It is the law's word, so it is not translated.
 */
export const ADVERTISING_LABEL = '[QC]';

/** The prefix a message of this purpose needs on this channel: the label, or nothing. */
export function advertisingPrefix(purpose: Purpose, _channel: Channel, _locale: Locale): string {
  // Both channels and both locales carry the same label today; the parameters are where a
  // channel- or language-specific rule would go.
  return purpose === 'marketing' ? ADVERTISING_LABEL : '';
}

/**
 * The SMS text or email subject with the label in front when the message advertises. A text that
 * already starts with it is left alone, so labelling twice cannot give "[QC] [QC] …".
 */
export function withAdvertisingLabel(
  text: string,
  purpose: Purpose,
  channel: Channel,
  locale: Locale,
): string {
  const prefix = advertisingPrefix(purpose, channel, locale);
  if (prefix === '' || text.trimStart().startsWith(prefix)) return text;
  return `${prefix} ${text.trimStart()}`;
}

/** How a customer opts out: the one-click link, and for SMS optionally the shop's hotline. */
export interface OptOutContact {
  readonly url: string;
  readonly hotline?: string;
}

const optOutWords: Record<Locale, string> = {
  vi: 'Từ chối nhận tin',
  en: 'Unsubscribe',
};

/** The default opt-out instruction a marketing message ends with, in the customer's language. */
export function optOutInstruction(locale: Locale, contact: OptOutContact): string {
  const hotline = contact.hotline === undefined ? '' : ` / ${contact.hotline}`;
  return `${optOutWords[locale]}: ${contact.url}${hotline}`;
}

export type RenderedMessage =
  | { readonly channel: 'sms'; readonly text: string }
  | {
      readonly channel: 'email';
      readonly subject: string;
      readonly html: string;
      readonly text: string;
    };

export type AdvertisingProblem = 'missing_label' | 'missing_opt_out';

const escapeHtml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

function mentionsOptOut(text: string, contact: OptOutContact, html: boolean): boolean {
  if (text.includes(contact.url) || (html && text.includes(escapeHtml(contact.url)))) return true;
  if (contact.hotline === undefined) return false;
  // A hotline may be written with spaces, dots or dashes between its digits, but not run into
  // other digits.
  const hotline = contact.hotline.replace(/\D/g, '');
  if (hotline.length < 4) return false;
  return new RegExp(`(?<!\\d)${hotline.split('').join('[ .-]?')}(?!\\d)`).test(text);
}

/**
 * What a rendered marketing message lacks before it may go out: the label at the start of the
 * SMS or the subject, and the opt-out link (or, for SMS, the hotline) in every part a reader may
 * see. Empty for a compliant message; always empty for a transactional one.
 */
export function advertisingProblems(
  message: RenderedMessage,
  purpose: Purpose,
  contact: OptOutContact,
): AdvertisingProblem[] {
  if (purpose !== 'marketing') return [];
  const problems: AdvertisingProblem[] = [];
  const labelled = message.channel === 'sms' ? message.text : message.subject;
  if (!labelled.trimStart().startsWith(ADVERTISING_LABEL)) problems.push('missing_label');
  const optOut =
    message.channel === 'sms'
      ? mentionsOptOut(message.text, contact, false)
      : mentionsOptOut(message.text, { url: contact.url }, false) &&
        mentionsOptOut(message.html, { url: contact.url }, true);
  if (!optOut) problems.push('missing_opt_out');
  return problems;
}
