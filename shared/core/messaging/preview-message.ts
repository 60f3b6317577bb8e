import { z } from 'zod';
import { InvalidInputError } from '../errors';
import { Money } from '../money';
import { Locale, SmsText, type ShopSettings } from '../settings';
import { TemplateVariableMissingError } from '../templates/errors';
import type { MessageTemplate } from '../templates/message-template';
import { renderTemplate } from '../templates/render-template';
import { compareSmsCosts } from '../templates/sms-cost';
import { TemplateVariables } from '../templates/template-variables';
import { withAdvertisingLabel } from './advertising';
import { smsAsSent } from './compose-message';

/** What the owner asks to see before sending: a template, a language, the campaign's values. */
export const MessagePreviewRequest = z.strictObject({
  templateId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'is not a template id'),
  /** The shop's language when absent. */
  locale: Locale.optional(),
  /** The values the template uses (offer, voucher code, links…); a sample customer name too. */
  variables: TemplateVariables.omit({ shopName: true, unsubscribeUrl: true }).optional(),
});
export type MessagePreviewRequest = z.infer<typeof MessagePreviewRequest>;

const SmsVariantView = z.object({
  text: z.string(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: z.number().int(),
  segments: z.number().int(),
  /** Per recipient: price per segment × segments; null until the shop sets its price. */
  cost: Money.nullable(),
});

/** The preview as the API answers it. */
export const MessagePreview = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('email'),
    locale: Locale,
    subject: z.string(),
    html: z.string(),
    text: z.string(),
  }),
  z.object({
    channel: z.literal('sms'),
    locale: Locale,
    /** The text as it will go out, under the shop's `smsText` choice. */
    text: z.string(),
    sentAs: SmsText,
    /** Both renderings with encoding, segments and cost, to choose between. */
    costs: z.object({ asWritten: SmsVariantView, withoutDiacritics: SmsVariantView }),
  }),
]);
export type MessagePreview = z.infer<typeof MessagePreview>;

/**
 * The message a template makes, as one customer would get it (label and opt-out link included,
 * with a link of the real length), and for SMS what each of the two renderings costs.
 */
export function previewMessage(input: {
  readonly settings: ShopSettings;
  readonly template: MessageTemplate | undefined;
  readonly request: MessagePreviewRequest;
  /** A stand-in opt-out link as long as a real one, so segment counts are right. */
  readonly sampleOptOutUrl: string;
}): MessagePreview {
  const { settings, template, request } = input;
  if (template === undefined)
    throw InvalidInputError.forField('templateId', 'is not a built-in template');
  const locale = request.locale ?? settings.locale;
  let rendered: ReturnType<typeof renderTemplate>;
  try {
    rendered = renderTemplate(
      template,
      { customer: locale, shop: settings.locale },
      {
        ...request.variables,
        shopName: settings.name,
        unsubscribeUrl: input.sampleOptOutUrl,
      },
    );
  } catch (error) {
    if (!(error instanceof TemplateVariableMissingError)) throw error;
    throw new InvalidInputError(
      error.missing.map((name) => ({
        field: `variables.${name}`,
        message: `is needed by template ${error.templateId}`,
      })),
    );
  }
  const label = (text: string) =>
    withAdvertisingLabel(text, template.purpose, template.channel, rendered.locale);
  if (rendered.channel === 'email') {
    return {
      channel: 'email',
      locale: rendered.locale,
      subject: label(rendered.subject),
      html: rendered.html,
      text: rendered.text,
    };
  }
  const labelled = label(rendered.text);
  return {
    channel: 'sms',
    locale: rendered.locale,
    text: smsAsSent(labelled, settings.smsText),
    sentAs: settings.smsText,
    costs: compareSmsCosts(labelled, settings.smsPricePerSegment),
  };
}
