import { z } from 'zod';
import type { Locale } from '../settings';

/** The variables a template may use; any other tag is rejected when the template is validated. */
export const TEMPLATE_VARIABLES = [
  'customerName',
  'shopName',
  'link',
  'unsubscribeUrl',
  'voucherCode',
  'offer',
  'websiteUrl',
  'hotline',
  'zaloUrl',
  'storeAddress',
  'message',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const known: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);

export function isTemplateVariable(name: string): name is TemplateVariable {
  return known.has(name);
}

// A URL put into an href must not be able to run script (`javascript:`) or point at plain http.
const HttpsUrl = z
  .url({ protocol: /^https$/, normalize: true })
  .max(2048)
  .describe('an https URL');

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** This machine, as a URL's hostname spells it: the only host a plain-http link may name. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/**
 * The product's own opt-out link: https, or plain http to this machine only, which is where
 * `npm start` serves it (the link never leaves the developer's machine there).
 */
const OptOutUrl = z
  .url({ protocol: /^https?$/, normalize: true })
  .max(2048)
  .refine(
    (url) => url.startsWith('https:') || isLoopbackHost(new URL(url).hostname),
    'must be an https URL',
  )
  .describe('an https URL (or http on this machine)');

// C0/C1 controls and line or paragraph separators: a value is one line of text, so a name cannot
// break a subject line in two or add lines to an SMS.
const controls = /[\p{Cc}\u2028\u2029]+/gu;

/** One line of text from a person or the shop: NFC, controls turned into spaces, trimmed. */
const OneLine = (max: number) =>
  z
    .string()
    .transform((value) => value.normalize('NFC').replace(controls, ' ').trim())
    .pipe(z.string().max(max));

/**
 * What a message is rendered with. Only `shopName` is always needed; a template that uses any
 * other variable outside a `{{#name}}…{{/name}}` section needs it too (see `requiredVariables`).
 */
export const TemplateVariables = z.strictObject({
  /** The customer's name as recorded; a missing or blank one becomes the locale's fallback. */
  customerName: OneLine(100).optional(),
  shopName: OneLine(100).pipe(z.string().min(1)),
  /** The call to action: the shop's page for this offer, the reorder link, … */
  link: HttpsUrl.optional(),
  /** The one-click opt-out link (for SMS, the short form). */
  unsubscribeUrl: OptOutUrl.optional(),
  voucherCode: OneLine(40).optional(),
  /** The owner's one-line offer, e.g. "giảm 20% toàn bộ áo khoác". */
  offer: OneLine(300).optional(),
  websiteUrl: HttpsUrl.optional(),
  hotline: OneLine(30).optional(),
  zaloUrl: HttpsUrl.optional(),
  storeAddress: OneLine(200).optional(),
  /** The owner's own words for one broadcast or promotion, e.g. "Fanpage bị khoá, mời bạn…". */
  message: OneLine(500).optional(),
});

/**
 * The variables a send job may carry for its one workflow step or campaign (the offer, the
 * voucher, where to order now): everything but what the dispatcher fills in per customer.
 */
export const JobVariables = TemplateVariables.omit({
  customerName: true,
  shopName: true,
  unsubscribeUrl: true,
});
export type JobVariables = z.output<typeof JobVariables>;
export type TemplateVariablesInput = z.input<typeof TemplateVariables>;
export type TemplateVariables = z.output<typeof TemplateVariables>;

/** How a message addresses a customer whose name is not known. */
export const CUSTOMER_NAME_FALLBACK: Readonly<Record<Locale, string>> = {
  vi: 'bạn',
  en: 'there',
};

/** The values a template sees: only the given ones, with the name's fallback applied. */
export function templateView(
  variables: TemplateVariables,
  locale: Locale,
): Partial<Record<TemplateVariable, string>> {
  const view: Partial<Record<TemplateVariable, string>> = {};
  for (const name of TEMPLATE_VARIABLES) {
    const value = variables[name];
    if (value !== undefined && value !== '') view[name] = value;
  }
  view.customerName ??= CUSTOMER_NAME_FALLBACK[locale];
  return view;
}
