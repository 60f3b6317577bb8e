import { addressOf, type Customer } from '../customer';
import { returnCapSlot, takeCapSlot, type CapSlot } from './cap-slot';
import { composeMessage } from './compose-message';
import { decideSend } from './decide-send';
import { DEFAULT_LEASE_MS, type DispatchDeps } from './dispatch-deps';
import { DispatchConfigurationError, DispatchRetryLaterError } from './dispatch-errors';
import type { DispatchOutcome, SkipDetail } from './dispatch-outcome';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderThrottledError,
} from './errors';
import type { CapPolicy } from './frequency-cap';
import type { MessageClaim } from './ledger';
import { recipientTimeZone } from './quiet-hours';
import { messageKey, type SendJob } from './send-job';
import type { SendReceipt } from './senders';
import type { SkipReason } from './skip-reason';
import { tallyOwner } from '../results/tally';

export type { DispatchDeps } from './dispatch-deps';
export type { DispatchOutcome, SkipDetail } from './dispatch-outcome';

/**
 * Sends one job at most once, as design.md "Sending a message" orders it: load the customer
 * (whose profile mirrors its addresses' consent and suppression) and the cap window; decide (consent, suppression, cap, quiet hours);
 * render; claim the message key, then the cap place, each with one conditional write; call the
 * provider; record the outcome. A definite failure releases both claims and, when it may pass,
 * throws DispatchRetryLaterError so the queue retries; an ambiguous one is recorded `unknown` and
 * never sent again. Throws DispatchConfigurationError when the message cannot be built.
 *
 * The message key is claimed before the cap place: a redelivery of a job being sent then loses
 * at the claim, instead of taking the place its first delivery is about to use and recording a
 * skip that would stop the first one.
 */
export async function dispatch(
  deps: DispatchDeps,
  job: SendJob,
  now: string,
): Promise<DispatchOutcome> {
  const key = messageKey(job);
  const skip = (reason: SkipReason, detail?: SkipDetail) =>
    recordSkip(deps, job, key, now, reason, detail);

  if ('runId' in job && (await deps.campaigns?.isCancelled(job.runId))) {
    return skip('campaign_cancelled');
  }

  const { customer, capWindow: window } = await deps.recipients.read(job.customerId, {
    capWindow: job.purpose === 'marketing',
  });
  if (customer === 'erased' || customer === undefined) {
    return skip('no_consent', customer === 'erased' ? 'customer_erased' : 'customer_unknown');
  }
  if (orderedSince(customer, job)) return skip('already_ordered');
  const to = addressOf(customer, job.channel);
  if (to === undefined) return skip('no_consent', 'no_address');

  const suppression = customer.suppression[job.channel];
  const cap: CapPolicy = {
    messagesPerDay: deps.settings.frequencyCap.marketingMessagesPerDay,
    exempt: deps.capExemptWorkflows?.includes(job.workflow) ?? false,
  };
  const decision = decideSend({
    purpose: job.purpose,
    channel: job.channel,
    consent: { profile: customer.consent[job.channel] },
    ...(suppression === undefined ? {} : { suppression }),
    recentMarketing: window?.sends ?? [],
    cap,
    timeZone: recipientTimeZone(customer, deps.settings),
    sendingWindows: deps.settings.sendingWindows,
    now,
    random: deps.random,
  });
  if (decision.kind === 'skip') return skip(decision.reason);
  if (decision.kind === 'defer') return { kind: 'deferred', key, until: decision.until };

  const message = compose(deps, job, key, customer, to);

  const claimed = await deps.ledger.claim(key, job, now, deps.leaseMs ?? DEFAULT_LEASE_MS);
  switch (claimed.outcome) {
    case 'alreadySent':
    case 'alreadyDone':
      return { kind: 'duplicate', key, status: claimed.record.status };
    case 'alreadyClaimed':
      return { kind: 'inProgress', key };
    case 'staleClaim': {
      // A crash before the send cannot be told from one after it.
      const why = 'claim outlived its lease without an outcome';
      await deps.ledger.markUnknown(claimed.claim, now, why);
      return { kind: 'unknown', key, why };
    }
    case 'claimed':
      break;
  }

  const owner = tallyOwner(job);
  const slot: CapSlot | undefined =
    window === undefined
      ? undefined
      : {
          customerId: job.customerId,
          channel: job.channel,
          at: now,
          ...(owner === undefined ? {} : { owner }),
        };
  if (slot !== undefined && window !== undefined) {
    const taken = await takeCapSlot(deps.capWindows, slot, cap, window).catch(
      async (error: unknown) => {
        await deps.ledger.release(claimed.claim, now, 'frequency-cap window busy');
        throw new DispatchRetryLaterError(key, 'contention', { cause: error });
      },
    );
    if (!taken.allowed) {
      // Release first: a skip may only replace a failed (or new) record.
      await deps.ledger.release(claimed.claim, now, `refused by ${taken.reason}`);
      return skip(taken.reason);
    }
  }

  return send(deps, key, claimed.claim, slot, message);
}

/**
 * Whether a journey step's customer ordered at or after its enrollment, from the profile the
 * dispatcher reads anyway. `aggregates.lastOrderAt` is the latest counted order's `placedAt` (an
 * instant, not only a day), so the comparison is exact.
 */
function orderedSince(customer: Customer, job: SendJob): boolean {
  if (job.orderedSince === undefined) return false;
  const { lastOrderAt } = customer.aggregates;
  return lastOrderAt !== null && Date.parse(lastOrderAt) >= Date.parse(job.orderedSince);
}

async function send(
  deps: DispatchDeps,
  key: string,
  claim: MessageClaim,
  slot: CapSlot | undefined,
  message: ReturnType<typeof compose>,
): Promise<DispatchOutcome> {
  let receipt: SendReceipt;
  try {
    receipt =
      message.channel === 'email'
        ? await deps.email.send(message.email)
        : await deps.sms.send(message.sms);
  } catch (error) {
    const at = deps.clock.now().toISOString();
    if (error instanceof ProviderThrottledError || error instanceof ProviderRejectedError) {
      // Nothing was sent: free the message and its place under the cap.
      await deps.ledger.release(claim, at, error.message);
      if (slot !== undefined) await returnCapSlot(deps.capWindows, slot);
      if (error instanceof ProviderRejectedError && !error.retryable) {
        return { kind: 'failed', key, providerCode: error.providerCode };
      }
      const reason = error instanceof ProviderThrottledError ? 'throttled' : 'provider-unavailable';
      throw new DispatchRetryLaterError(key, reason, { cause: error });
    }
    // An unknown outcome, or an error no adapter translated: it may have gone out.
    const why =
      error instanceof ProviderOutcomeUnknownError
        ? error.message
        : `unexpected provider error: ${error instanceof Error ? error.name : 'unknown'}`;
    await deps.ledger.markUnknown(claim, at, why);
    return { kind: 'unknown', key, why };
  }
  await deps.ledger.recordSent(claim, receipt.providerMessageId, deps.clock.now().toISOString());
  return { kind: 'sent', key, providerMessageId: receipt.providerMessageId };
}

function compose(deps: DispatchDeps, job: SendJob, key: string, customer: Customer, to: string) {
  const template = deps.templates(job.templateId);
  if (template === undefined) {
    throw new DispatchConfigurationError(key, `no template ${job.templateId}`);
  }
  let composed: ReturnType<typeof composeMessage>;
  try {
    composed = composeMessage({
      job,
      template,
      customer,
      to,
      settings: deps.settings,
      optOut: deps.unsubscribeLink(customer.id, job.channel),
      ...(deps.variables === undefined && job.variables === undefined
        ? {}
        : { variables: { ...deps.variables, ...job.variables } }),
      ...(deps.configurationSetName === undefined
        ? {}
        : { configurationSetName: deps.configurationSetName }),
    });
  } catch (error) {
    // A template variable missing, a language missing, a value that is not a valid URL.
    throw new DispatchConfigurationError(key, 'the template did not render', { cause: error });
  }
  if (!composed.ok) throw new DispatchConfigurationError(key, composed.problem);
  return composed.message;
}

async function recordSkip(
  deps: DispatchDeps,
  job: SendJob,
  key: string,
  now: string,
  reason: SkipReason,
  detail: SkipDetail | undefined,
): Promise<DispatchOutcome> {
  const result = await deps.ledger.recordSkip(key, job, reason, now);
  if (result.outcome === 'recorded' || result.record.status === 'skipped') {
    const skipReason = result.record.status === 'skipped' ? result.record.skipReason : reason;
    return {
      kind: 'skipped',
      key,
      reason: skipReason,
      ...(detail === undefined ? {} : { detail }),
      // Only the delivery whose write recorded the skip counts it (see outcomeCounts).
      ...(result.outcome === 'recorded' ? {} : { alreadyRecorded: true as const }),
    };
  }
  // Decided otherwise by an earlier or a racing delivery.
  if (result.record.status === 'claimed') return { kind: 'inProgress', key };
  return { kind: 'duplicate', key, status: result.record.status };
}
