import type { MessageRecord } from './ledger';
import type { SkipReason } from './skip-reason';

/** Why a job was skipped before its policies could be asked. */
export type SkipDetail = 'customer_erased' | 'customer_unknown' | 'no_address';

/**
 * What one dispatch did. Every kind but `inProgress` settles the job (acknowledge it):
 * - `sent`: the provider accepted the message and the ledger says so;
 * - `skipped`: a policy refused it and the ledger records why (`detail` when the customer is gone
 *   or has no address on the channel, recorded as `no_consent`); `alreadyRecorded` when an
 *   earlier delivery of the same job recorded the skip, so counting it again would double it;
 * - `deferred`: quiet hours; store the job and dispatch it again at `until`;
 * - `duplicate`: an earlier delivery already settled the message (`status` as recorded);
 * - `unknown`: it may or may not have gone out; recorded, never sent again;
 * - `failed`: the provider refused it for good; recorded as failed.
 * `inProgress`: another dispatcher holds the claim; leave the job on the queue to look again.
 */
export type DispatchOutcome =
  | { readonly kind: 'sent'; readonly key: string; readonly providerMessageId: string }
  | {
      readonly kind: 'skipped';
      readonly key: string;
      readonly reason: SkipReason;
      readonly detail?: SkipDetail;
      readonly alreadyRecorded?: true;
    }
  | { readonly kind: 'deferred'; readonly key: string; readonly until: string }
  | { readonly kind: 'duplicate'; readonly key: string; readonly status: MessageRecord['status'] }
  | { readonly kind: 'inProgress'; readonly key: string }
  | { readonly kind: 'unknown'; readonly key: string; readonly why: string }
  | { readonly kind: 'failed'; readonly key: string; readonly providerCode: string };
