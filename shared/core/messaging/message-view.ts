import { z } from 'zod';
import { Channel, Purpose } from '../consent';
import type { DeferredJob } from './deferred-jobs';
import { MessageFailure, MessageStatus, type MessageRecord } from './ledger';
import { SkipReason } from './skip-reason';

/** A message key as a path segment: percent-encoded by the client (it holds `#` and `%`). */
export const MessagePath = z.strictObject({
  messageKey: z.string().min(1).max(1024).meta({
    description:
      'The `messageKey` a send answered, percent-encoded as one path segment (`encodeURIComponent`).',
    example:
      'test-message%23run%253A01KAZ9C7MZ1X6W3ZC9F2DY5Q7R%23test%2301KAZ9C7N0E0FQ3W7Q3WJ9Q4TB%23email',
  }),
});

/**
 * The key a path parameter names. Every key holds `#`, which no path can carry raw: a parameter
 * without one is still percent-encoded (a gateway that passes it undecoded) and is decoded once.
 */
export function messageKeyFromPath(parameter: string): string {
  if (parameter.includes('#')) return parameter;
  try {
    return decodeURIComponent(parameter);
  } catch {
    return parameter;
  }
}

/** What the owner sees of one message: where it stands and why; the job holds only ids. */
export const MessageView = z.object({
  messageKey: z.string(),
  /** The ledger's status, or `deferred`: held for quiet hours, nothing recorded yet. */
  status: z.union([MessageStatus, z.literal('deferred')]),
  channel: Channel,
  purpose: Purpose,
  workflow: z.string(),
  templateId: z.string(),
  customerId: z.string(),
  /** Provider calls made so far. */
  attempts: z.number().int().min(0),
  sentAt: z.string().optional(),
  providerMessageId: z.string().optional(),
  skipReason: SkipReason.optional(),
  skippedAt: z.string().optional(),
  /** Why the last attempt failed, or why the outcome is unknown. */
  failure: MessageFailure.optional(),
  /** When a deferred message goes back on the queue (the next sending window, with jitter). */
  deferredUntil: z.string().optional(),
});
export type MessageView = z.infer<typeof MessageView>;

/** The owner's view of a message held for quiet hours. */
export function viewDeferred(deferred: DeferredJob): MessageView {
  const { job } = deferred;
  return {
    messageKey: deferred.key,
    status: 'deferred',
    channel: job.channel,
    purpose: job.purpose,
    workflow: job.workflow,
    templateId: job.templateId,
    customerId: job.customerId,
    attempts: 0,
    deferredUntil: deferred.until,
  };
}

/** The owner's view of a ledger record. */
export function viewMessage(record: MessageRecord): MessageView {
  const { job } = record;
  return {
    messageKey: record.key,
    status: record.status,
    channel: job.channel,
    purpose: job.purpose,
    workflow: job.workflow,
    templateId: job.templateId,
    customerId: job.customerId,
    attempts: record.attempts,
    ...(record.status === 'sent' && {
      sentAt: record.sentAt,
      providerMessageId: record.providerMessageId,
    }),
    ...(record.status === 'skipped' && {
      skipReason: record.skipReason,
      skippedAt: record.skippedAt,
    }),
    ...((record.status === 'failed' || record.status === 'unknown') && {
      failure: record.failure,
    }),
  };
}

/**
 * The owner's list of messages by status. Only `unknown` is listed: those are the ones to look
 * into (the provider may or may not have delivered them), newest first.
 */
export const MessageListQuery = z.strictObject({
  status: z.literal('unknown').meta({
    description:
      'Only `unknown` for now: messages handed to the provider without a clear answer, which are not sent again.',
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** One page of messages, newest first; `more` when older ones were left out. */
export const MessageList = z.object({
  messages: z.array(MessageView),
  more: z.boolean(),
});
export type MessageList = z.infer<typeof MessageList>;
