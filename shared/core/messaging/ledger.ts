import { z } from 'zod';
import type { CapWindow } from './frequency-cap';
import { SendJob } from './send-job';
import { SkipReason } from './skip-reason';

/**
 * Where one message stands. `claimed`: a dispatcher holds it and may be calling the provider.
 * `sent`: the provider accepted it. `failed`: a definite failure, nothing sent; a retry may claim
 * it again. `unknown`: it may or may not have gone out (timeout, or a claim that outlived its
 * lease); never resent automatically. `skipped`: a policy refused it, with the reason.
 */
export const MessageStatus = z.enum(['claimed', 'sent', 'failed', 'unknown', 'skipped']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** Why an attempt failed or why its outcome is unknown, kept for the owner to see. */
export const MessageFailure = z.object({ at: z.string(), reason: z.string().max(1000) });
export type MessageFailure = z.infer<typeof MessageFailure>;

const base = {
  /** `messageKey(job)`. */
  key: z.string().min(1),
  job: SendJob,
  /** Claims made so far; each claim is one attempt and names it. */
  attempts: z.number().int().min(0),
};
const claimedBase = {
  ...base,
  attempts: z.number().int().min(1),
  claimedAt: z.string(),
  /** After this instant a claim with no recorded outcome is stale: it becomes `unknown`. */
  leaseUntil: z.string(),
};

/** One message's record in the ledger; `status` says which fields it carries. */
export const MessageRecord = z.discriminatedUnion('status', [
  z.object({ status: z.literal('claimed'), ...claimedBase }),
  z.object({
    status: z.literal('sent'),
    ...claimedBase,
    providerMessageId: z.string().min(1),
    sentAt: z.string(),
  }),
  z.object({ status: z.literal('failed'), ...claimedBase, failure: MessageFailure }),
  z.object({ status: z.literal('unknown'), ...claimedBase, failure: MessageFailure }),
  z.object({
    status: z.literal('skipped'),
    ...base,
    claimedAt: z.string().optional(),
    leaseUntil: z.string().optional(),
    skipReason: SkipReason,
    skippedAt: z.string(),
  }),
]);
export type MessageRecord = z.infer<typeof MessageRecord>;

/** The right to settle one attempt: only the attempt that claimed may record its outcome. */
export interface MessageClaim {
  readonly key: string;
  readonly attempt: number;
}

/**
 * What a claim found. Only `claimed` may call the provider. `staleClaim` is a claim older than
 * its lease with no outcome: a crash before the send cannot be told from one after it, so the
 * caller marks it unknown (with the claim it is given) and never sends. `alreadyDone` is an
 * `unknown` or `skipped` message: settled, never claimable again.
 */
export type ClaimResult =
  | { readonly outcome: 'claimed'; readonly claim: MessageClaim; readonly record: MessageRecord }
  | { readonly outcome: 'alreadySent'; readonly record: MessageRecord }
  | { readonly outcome: 'alreadyClaimed'; readonly record: MessageRecord }
  | { readonly outcome: 'staleClaim'; readonly claim: MessageClaim; readonly record: MessageRecord }
  | { readonly outcome: 'alreadyDone'; readonly record: MessageRecord };

/** What recording a skip found: a new skip, or a message already decided otherwise. */
export type SkipResult =
  | { readonly outcome: 'recorded'; readonly record: MessageRecord }
  | { readonly outcome: 'alreadyDecided'; readonly record: MessageRecord };

/**
 * Why an existing record refuses a new claim, at `now`. A `failed` record does not refuse (the
 * adapter claims it); it is reported here only if it lost a race, as already claimed.
 */
export function refusedClaim(record: MessageRecord, now: string): ClaimResult {
  switch (record.status) {
    case 'sent':
      return { outcome: 'alreadySent', record };
    case 'unknown':
    case 'skipped':
      return { outcome: 'alreadyDone', record };
    case 'claimed':
      return Date.parse(record.leaseUntil) > Date.parse(now)
        ? { outcome: 'alreadyClaimed', record }
        : { outcome: 'staleClaim', claim: { key: record.key, attempt: record.attempts }, record };
    case 'failed':
      return { outcome: 'alreadyClaimed', record };
  }
}

/**
 * The ledger of messages, one record per message key. Every transition is one conditional write:
 * claim only a new or failed message; settle (sent, failed, unknown) only as the attempt that
 * claimed; a late `recordSent` or `release` still settles an attempt someone marked unknown,
 * since it knows better. Timestamps are ISO strings from the caller's clock.
 */
export interface MessageLedger {
  /** Claims `key` for one attempt lasting at most `leaseMs`; see ClaimResult. */
  claim(key: string, job: SendJob, now: string, leaseMs: number): Promise<ClaimResult>;
  /** The provider accepted the message. Throws ClaimLostError if the attempt no longer holds it. */
  recordSent(claim: MessageClaim, providerMessageId: string, now: string): Promise<MessageRecord>;
  /** A definite failure, nothing sent: the message becomes `failed` and claimable again. */
  release(claim: MessageClaim, now: string, reason: string): Promise<MessageRecord>;
  /** The outcome cannot be known (timeout, stale claim): `unknown`, never claimable again. */
  markUnknown(claim: MessageClaim, now: string, why: string): Promise<MessageRecord>;
  /** Records that a policy refused the message, unless it is already claimed, sent or decided. */
  recordSkip(key: string, job: SendJob, reason: SkipReason, now: string): Promise<SkipResult>;
  get(key: string): Promise<MessageRecord | undefined>;
  /** The newest messages whose outcome is unknown (at most `limit`), for the owner to check. */
  listUnknown(limit: number): Promise<{ records: MessageRecord[]; more: boolean }>;
}

/**
 * Each recipient's marketing sends of the last 24 hours (see `claimCapSlot`): read, decide, and
 * save the decision on condition that nobody saved since the read.
 */
export interface CapWindowStore {
  /** The customer's window; `{ sends: [], version: 0 }` when there is none. */
  read(customerId: string): Promise<CapWindow>;
  /** Saves `next` if the stored window is still at `readVersion`; else ConcurrentWriteError. */
  save(customerId: string, next: CapWindow, readVersion: number): Promise<void>;
}
