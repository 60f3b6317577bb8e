import { z } from 'zod';
import { Purpose } from '../consent';
import { Locale } from '../settings';
import { inspectTemplate, type TemplatePart } from './template-tags';

const TemplateId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lower-case slug');

/** A template part: mustache source whose tags are checked against the allowed variables. */
function templateSource(part: TemplatePart, max: number) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max)
    .superRefine((source, ctx) => {
      for (const message of inspectTemplate(source, part).problems) {
        ctx.addIssue({ code: 'custom', message });
      }
    });
}

export const EmailContent = z.strictObject({
  subject: templateSource('subject', 200),
  html: templateSource('html', 100_000),
  text: templateSource('text', 20_000),
});
export type EmailContent = z.infer<typeof EmailContent>;

/** Up to about ten UCS-2 segments; longer texts are not worth the carrier's price. */
export const SmsContent = z.strictObject({ text: templateSource('sms', 670) });
export type SmsContent = z.infer<typeof SmsContent>;

function localized<T extends z.ZodType>(content: T) {
  return z
    .strictObject({ vi: content.optional(), en: content.optional() })
    .refine((locales) => Object.values(locales).some((value) => value !== undefined), {
      message: 'needs at least one language',
    });
}

const commonFields = {
  id: TemplateId,
  /** What the owner calls it in the dashboard. */
  name: z.string().trim().min(1).max(100),
  purpose: Purpose,
};

// A marketing message must say how to opt out (Decree 91/2020): every part a reader may see
// carries the opt-out link, outside any section, so it cannot render empty.
const OPT_OUT = 'unsubscribeUrl';

function requireOptOut(source: string | undefined, part: TemplatePart): boolean {
  return source === undefined || inspectTemplate(source, part).unconditional.has(OPT_OUT);
}

export const EmailTemplate = z
  .strictObject({ ...commonFields, channel: z.literal('email'), locales: localized(EmailContent) })
  .superRefine((template, ctx) => {
    if (template.purpose !== 'marketing') return;
    for (const locale of Locale.options) {
      const content = template.locales[locale];
      for (const part of ['html', 'text'] as const) {
        if (!requireOptOut(content?.[part], part)) {
          ctx.addIssue({
            code: 'custom',
            path: ['locales', locale, part],
            message: `a marketing email must include {{${OPT_OUT}}}`,
          });
        }
      }
    }
  });
export type EmailTemplate = z.infer<typeof EmailTemplate>;

export const SmsTemplate = z
  .strictObject({ ...commonFields, channel: z.literal('sms'), locales: localized(SmsContent) })
  .superRefine((template, ctx) => {
    if (template.purpose !== 'marketing') return;
    for (const locale of Locale.options) {
      if (!requireOptOut(template.locales[locale]?.text, 'sms')) {
        ctx.addIssue({
          code: 'custom',
          path: ['locales', locale, 'text'],
          message: `a marketing SMS must include {{${OPT_OUT}}} (a short opt-out link)`,
        });
      }
    }
  });
export type SmsTemplate = z.infer<typeof SmsTemplate>;

/** A message template as the owner edits it: one channel, one purpose, a text per language. */
export const MessageTemplate = z.discriminatedUnion('channel', [EmailTemplate, SmsTemplate]);
export type MessageTemplate = z.infer<typeof MessageTemplate>;

/**
 * The language a customer gets: their own if the template has it, else the shop's, else
 * Vietnamese, else whichever the template has.
 */
export function chooseLocale(
  template: Pick<MessageTemplate, 'locales'>,
  customerLocale: Locale,
  shopLocale: Locale,
): Locale {
  const order: Locale[] = [customerLocale, shopLocale, 'vi', 'en'];
  const found = order.find((locale) => template.locales[locale] !== undefined);
  // The schema guarantees at least one language.
  return found ?? 'vi';
}
