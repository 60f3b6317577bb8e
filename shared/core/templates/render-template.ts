import Mustache from 'mustache';
import type { Locale } from '../settings';
import { TemplateLocaleMissingError, TemplateVariableMissingError } from './errors';
import {
  chooseLocale,
  type EmailContent,
  type EmailTemplate,
  type MessageTemplate,
  type SmsContent,
  type SmsTemplate,
} from './message-template';
import { inspectTemplate, type TemplatePart } from './template-tags';
import {
  TemplateVariables,
  templateView,
  type TemplateVariable,
  type TemplateVariablesInput,
} from './template-variables';
import { escapeHtml } from '../escape-html';

export interface RenderedEmail {
  readonly channel: 'email';
  readonly locale: Locale;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface RenderedSms {
  readonly channel: 'sms';
  readonly locale: Locale;
  readonly text: string;
}

export type RenderedTemplate = RenderedEmail | RenderedSms;

/** Where the customer's and the shop's language come from when choosing a template's text. */
export interface RenderLocales {
  readonly customer: Locale;
  readonly shop: Locale;
}

const plain = (value: unknown): string => String(value);

function renderPart(
  templateId: string,
  source: string,
  part: TemplatePart,
  view: Partial<Record<TemplateVariable, string>>,
): string {
  const missing = [...inspectTemplate(source, part).required].filter((name) => !(name in view));
  if (missing.length > 0) throw new TemplateVariableMissingError(templateId, missing);
  // HTML escapes every value, but not as mustache's default does: that one also turns `/` and
  // `=` into entities, hiding every URL from the opt-out check. Plain-text parts insert values as
  // they are, since the template itself carries no markup and values are single lines.
  const config = { escape: part === 'html' ? escapeHtml : plain };
  return new Mustache.Writer().render(source, view, undefined, config);
}

function content<T>(template: { id: string; locales: Partial<Record<Locale, T>> }, locale: Locale) {
  const found = template.locales[locale];
  if (found === undefined) throw new TemplateLocaleMissingError(template.id, locale);
  return found;
}

/**
 * Renders an email template in the customer's language: the HTML part escaped, the subject and
 * text part as plain text. Throws `TemplateVariableMissingError` rather than leave a hole.
 */
export function renderEmail(
  template: EmailTemplate,
  locales: RenderLocales,
  variables: TemplateVariablesInput,
): RenderedEmail {
  const locale = chooseLocale(template, locales.customer, locales.shop);
  const parts: EmailContent = content(template, locale);
  const view = templateView(TemplateVariables.parse(variables), locale);
  return {
    channel: 'email',
    locale,
    subject: renderPart(template.id, parts.subject, 'subject', view),
    html: renderPart(template.id, parts.html, 'html', view),
    text: renderPart(template.id, parts.text, 'text', view),
  };
}

/** Renders an SMS template in the customer's language, as plain text. */
export function renderSms(
  template: SmsTemplate,
  locales: RenderLocales,
  variables: TemplateVariablesInput,
): RenderedSms {
  const locale = chooseLocale(template, locales.customer, locales.shop);
  const parts: SmsContent = content(template, locale);
  const view = templateView(TemplateVariables.parse(variables), locale);
  return { channel: 'sms', locale, text: renderPart(template.id, parts.text, 'sms', view) };
}

/** Renders either kind of template. */
export function renderTemplate(
  template: MessageTemplate,
  locales: RenderLocales,
  variables: TemplateVariablesInput,
): RenderedTemplate {
  return template.channel === 'email'
    ? renderEmail(template, locales, variables)
    : renderSms(template, locales, variables);
}
