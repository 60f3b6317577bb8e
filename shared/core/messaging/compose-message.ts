import type { Customer } from '../customer';
import type { ShopSettings, SmsText } from '../settings';
import type { MessageTemplate } from '../templates/message-template';
import { renderTemplate } from '../templates/render-template';
import type { TemplateVariablesInput } from '../templates/template-variables';
import { withoutDiacritics } from '../templates/without-diacritics';
import { advertisingProblems, withAdvertisingLabel } from './advertising';
import type { SendJob } from './send-job';
import type { ListUnsubscribeHeaders, OutgoingEmail, OutgoingSms } from './senders';

/** The opt-out of one customer on one channel: the signed one-click link, and a mailto if any. */
export interface OptOutLink {
  /** https URL carrying a signed token (see `issueUnsubscribeToken`). */
  readonly url: string;
  /** `mailto:` URI for List-Unsubscribe, e.g. `mailto:unsubscribe@shop.example?subject=TOKEN`. */
  readonly mailto?: string;
}

/** Variables the shop supplies for every message (website, hotline, …); `shopName` comes from settings. */
export type ShopVariables = Omit<
  TemplateVariablesInput,
  'customerName' | 'shopName' | 'unsubscribeUrl'
>;

export interface ComposeInput {
  readonly job: SendJob;
  readonly template: MessageTemplate;
  readonly customer: Customer;
  /** The customer's address on the job's channel. */
  readonly to: string;
  readonly settings: ShopSettings;
  readonly optOut: OptOutLink;
  readonly variables?: ShopVariables;
  readonly configurationSetName?: string;
}

export type ComposedMessage =
  | { readonly channel: 'email'; readonly email: OutgoingEmail }
  | { readonly channel: 'sms'; readonly sms: OutgoingSms };

/**
 * The message as the provider gets it, or the reason it may not go out: the template rendered in
 * the customer's language, the `[QC]` label on an advertising subject or SMS, the opt-out link,
 * and on every email the List-Unsubscribe headers (RFC 8058). A marketing message that still
 * lacks its label or opt-out after rendering is refused, never sent.
 */
export function composeMessage(
  input: ComposeInput,
): { ok: true; message: ComposedMessage } | { ok: false; problem: string } {
  const { job, template, customer, settings } = input;
  if (template.channel !== job.channel) {
    return { ok: false, problem: `template ${template.id} is for ${template.channel}` };
  }
  if (template.purpose !== job.purpose) {
    return { ok: false, problem: `template ${template.id} is ${template.purpose}` };
  }
  const rendered = renderTemplate(
    template,
    { customer: customer.locale, shop: settings.locale },
    {
      ...input.variables,
      shopName: settings.name,
      unsubscribeUrl: input.optOut.url,
      ...(customer.name === undefined ? {} : { customerName: customer.name }),
    },
  );
  const label = (text: string) =>
    withAdvertisingLabel(text, job.purpose, job.channel, rendered.locale);
  const hotline = input.variables?.hotline;
  const contact = { url: input.optOut.url, ...(hotline === undefined ? {} : { hotline }) };

  if (rendered.channel === 'sms') {
    const text = smsAsSent(label(rendered.text), settings.smsText);
    const problems = advertisingProblems({ channel: 'sms', text }, job.purpose, contact);
    if (problems.length > 0) return { ok: false, problem: problems.join(', ') };
    const sms: OutgoingSms = {
      to: input.to,
      senderId: settings.smsSenderId,
      text,
      type: job.purpose === 'marketing' ? 'Promotional' : 'Transactional',
    };
    return { ok: true, message: { channel: 'sms', sms } };
  }

  if (settings.emailSender === null) return { ok: false, problem: 'the shop has no email sender' };
  const subject = label(rendered.subject);
  const parts = { channel: 'email' as const, subject, html: rendered.html, text: rendered.text };
  const problems = advertisingProblems(parts, job.purpose, contact);
  if (problems.length > 0) return { ok: false, problem: problems.join(', ') };
  const links = [input.optOut.url, input.optOut.mailto].filter((link) => link !== undefined);
  const headers: ListUnsubscribeHeaders = {
    'List-Unsubscribe': links.map((link) => `<${link}>`).join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
  const { address, name } = settings.emailSender;
  const email: OutgoingEmail = {
    to: input.to,
    from: name === undefined ? { address } : { address, name },
    subject,
    html: rendered.html,
    text: rendered.text,
    headers,
    // SES tags allow letters, digits, `_ - .`: the job's slugs and step ids are within that. The
    // run names the campaign a delivery event counts to (a run id with other characters is left
    // out, and its deliveries are not counted).
    tags: {
      workflow: job.workflow,
      step: job.step,
      purpose: job.purpose,
      ...('runId' in job && SES_TAG_VALUE.test(job.runId) ? { run: job.runId } : {}),
    },
    ...(input.configurationSetName === undefined
      ? {}
      : { configurationSetName: input.configurationSetName }),
  };
  return { ok: true, message: { channel: 'email', email } };
}

const SES_TAG_VALUE = /^[A-Za-z0-9_.-]{1,256}$/;

/** The SMS text as the shop chose to send it: as written, or without diacritics (GSM-7). */
export function smsAsSent(text: string, choice: SmsText): string {
  return choice === 'without_diacritics' ? withoutDiacritics(text) : text;
}
