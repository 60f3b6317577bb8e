import { z } from 'zod';
import type { SuppressAddressInput } from '../../core/messaging/suppress-address';
import { campaignTally, messageOwner, type TallyOwner } from '../../core/results/tally';

/**
 * SES's email-sending events as published to SNS through a configuration set, as far as
 * suppression reads them. SES may add fields at any time, so objects are loose.
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
 */
const Mail = z.looseObject({ messageId: z.string(), timestamp: z.string() });
const Recipient = z.looseObject({ emailAddress: z.string() });

const BounceEvent = z.looseObject({
  eventType: z.literal('Bounce'),
  mail: Mail,
  bounce: z.looseObject({
    /** Permanent: never deliverable; Transient: maybe later; Undetermined: SES cannot tell. */
    bounceType: z.string(),
    bounceSubType: z.string(),
    bouncedRecipients: z.array(Recipient).min(1),
    timestamp: z.string(),
    feedbackId: z.string(),
  }),
});

const ComplaintEvent = z.looseObject({
  eventType: z.literal('Complaint'),
  mail: Mail,
  complaint: z.looseObject({
    complainedRecipients: z.array(Recipient).min(1),
    timestamp: z.string(),
    feedbackId: z.string(),
    /** From the feedback report when the provider sends one: `abuse`, `not-spam`, … */
    complaintFeedbackType: z.string().optional(),
  }),
});

/** SES handed the email to the recipient's mail server; `mail.tags` are the ones we sent. */
const DeliveryEvent = z.looseObject({
  eventType: z.literal('Delivery'),
  mail: Mail.extend({ tags: z.record(z.string(), z.array(z.string())).optional() }),
});

/** Any other event type (a configuration set may publish more); read only to be ignored. */
const OtherEvent = z.looseObject({ eventType: z.string(), mail: Mail });

/** The SNS Lambda event: the SES event is each record's `Sns.Message`, as a JSON string. */
const SnsEvent = z.looseObject({
  Records: z
    .array(z.looseObject({ Sns: z.looseObject({ MessageId: z.string(), Message: z.string() }) }))
    .min(1),
});

/** What one SES event means for suppression, or for the results (a delivery). */
export type SesFeedback =
  | {
      readonly kind: 'delivered';
      /** The workflow or campaign whose message was delivered (from the email's tags). */
      readonly owner: TallyOwner;
      readonly sesMessageId: string;
    }
  | {
      readonly kind: 'suppress';
      readonly eventType: 'Bounce' | 'Complaint';
      readonly feedbackId: string;
      readonly suppressions: readonly SuppressAddressInput[];
    }
  | {
      readonly kind: 'ignore';
      readonly eventType: string;
      /** Why: a transient or undetermined bounce, a `not-spam` report, another event type. */
      readonly why: string;
      readonly feedbackId?: string;
    };

/** Why a message was dropped unread: it is not an SES event as documented. */
export interface MalformedMessage {
  readonly kind: 'malformed';
  readonly messageId: string;
  /** Field paths only: an SES event names recipients, which must not reach the logs. */
  readonly paths: readonly string[];
}

/** The SNS messages of an SNS Lambda event, or undefined when the event is not one. */
export function snsMessages(
  event: unknown,
): readonly { readonly messageId: string; readonly message: string }[] | undefined {
  const parsed = SnsEvent.safeParse(event);
  if (!parsed.success) return undefined;
  return parsed.data.Records.map(({ Sns }) => ({ messageId: Sns.MessageId, message: Sns.Message }));
}

/**
 * Reads one SNS message as an SES event: a permanent bounce suppresses each bounced recipient
 * (reason `bounce`), a complaint each complaining one (reason `complaint`), unless the provider
 * reported the mail as not spam; a delivery counts to its workflow or campaign. Everything else
 * is ignored, with the reason.
 */
export function readSesFeedback(
  messageId: string,
  message: string,
): SesFeedback | MalformedMessage {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return { kind: 'malformed', messageId, paths: ['(not JSON)'] };
  }
  const envelope = OtherEvent.safeParse(json);
  if (!envelope.success) return malformed(messageId, envelope.error);
  const { eventType } = envelope.data;

  if (eventType === 'Bounce') {
    const event = BounceEvent.safeParse(json);
    if (!event.success) return malformed(messageId, event.error);
    const { bounce } = event.data;
    // A transient bounce (a full mailbox, a message too large) may deliver next time; an
    // undetermined one gives no reason to stop writing to a customer.
    if (bounce.bounceType !== 'Permanent') {
      return {
        kind: 'ignore',
        eventType,
        why: `${bounce.bounceType} bounce`,
        feedbackId: bounce.feedbackId,
      };
    }
    return {
      kind: 'suppress',
      eventType,
      feedbackId: bounce.feedbackId,
      suppressions: bounce.bouncedRecipients.map((recipient) =>
        emailSuppression(recipient.emailAddress, 'bounce', bounce.timestamp),
      ),
    };
  }

  if (eventType === 'Complaint') {
    const event = ComplaintEvent.safeParse(json);
    if (!event.success) return malformed(messageId, event.error);
    const { complaint } = event.data;
    if (complaint.complaintFeedbackType === 'not-spam') {
      return {
        kind: 'ignore',
        eventType,
        why: 'not-spam report',
        feedbackId: complaint.feedbackId,
      };
    }
    return {
      kind: 'suppress',
      eventType,
      feedbackId: complaint.feedbackId,
      suppressions: complaint.complainedRecipients.map((recipient) =>
        emailSuppression(recipient.emailAddress, 'complaint', complaint.timestamp),
      ),
    };
  }

  if (eventType === 'Delivery') {
    const event = DeliveryEvent.safeParse(json);
    if (!event.success) return malformed(messageId, event.error);
    const owner = deliveryOwner(event.data.mail.tags ?? {});
    if (owner === undefined) {
      return {
        kind: 'ignore',
        eventType,
        why: 'a delivery without a workflow tag, or of a test message',
      };
    }
    return { kind: 'delivered', owner, sesMessageId: event.data.mail.messageId };
  }

  return { kind: 'ignore', eventType, why: 'not a bounce, complaint or delivery' };
}

/**
 * Whose message it was, from the tags compose-message puts on every email: `run` for a campaign's
 * (a job with a run), else `workflow` for a journey's; none for a test message (see messageOwner).
 */
function deliveryOwner(tags: Readonly<Record<string, readonly string[]>>): TallyOwner | undefined {
  const workflow = tags.workflow?.[0];
  const run = tags.run?.[0];
  // A campaign's email carries both tags; an old one may carry only its run.
  if (workflow === undefined) return run === undefined ? undefined : campaignTally(run);
  return messageOwner(workflow, run);
}

function emailSuppression(
  emailAddress: string,
  reason: 'bounce' | 'complaint',
  at: string,
): SuppressAddressInput {
  return { channel: 'email', address: bareAddress(emailAddress), reason, at };
}

/**
 * The address alone: a recipient taken from a delivery status notification can come as
 * `Name <address>`. Normalizing and validating it is the core's job.
 */
function bareAddress(emailAddress: string): string {
  const angled = /<([^<>]+)>\s*$/.exec(emailAddress);
  return (angled?.[1] ?? emailAddress).trim();
}

function malformed(messageId: string, error: z.ZodError): MalformedMessage {
  return {
    kind: 'malformed',
    messageId,
    paths: error.issues.map((issue) => issue.path.join('.') || '(root)'),
  };
}
