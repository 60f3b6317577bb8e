import type { DispatchOutcome } from '../messaging/dispatch-outcome';
import { tallyOwner, type Counts, type TallyOwner } from './tally';
import type { SendJob } from '../messaging/send-job';

/**
 * What one dispatch adds to its owner's counters: `sent`, `failed`, `unknown` or
 * `skipped.<reason>`, once per message. A redelivery that finds the message settled (`duplicate`),
 * or a skip an earlier delivery recorded, adds nothing; nor do outcomes that do not settle the
 * message (`deferred`, `inProgress`): its later delivery counts it.
 */
export function outcomeCounts(outcome: DispatchOutcome): Counts {
  switch (outcome.kind) {
    case 'sent':
      return { sent: 1 };
    case 'failed':
      return { failed: 1 };
    case 'unknown':
      return { unknown: 1 };
    case 'skipped':
      return outcome.alreadyRecorded === true ? {} : { [`skipped.${outcome.reason}`]: 1 };
    case 'duplicate':
    case 'deferred':
    case 'inProgress':
      return {};
  }
}

/**
 * The counts of one batch of messages, summed per owner, so the batch writes one increment per
 * workflow or campaign instead of one per message.
 */
export class BatchTally {
  private readonly byOwner = new Map<TallyOwner, Record<string, number>>();

  add(owner: TallyOwner, counts: Counts): void {
    const entries = Object.entries(counts).filter(([, value]) => value !== 0);
    if (entries.length === 0) return;
    const sums = this.byOwner.get(owner) ?? {};
    for (const [name, value] of entries) sums[name] = (sums[name] ?? 0) + value;
    this.byOwner.set(owner, sums);
  }

  /** Adds what one job's dispatch came to, under the job's owner. */
  addOutcome(job: SendJob, outcome: DispatchOutcome): void {
    const owner = tallyOwner(job);
    if (owner !== undefined) this.add(owner, outcomeCounts(outcome));
  }

  entries(): [TallyOwner, Counts][] {
    return [...this.byOwner.entries()];
  }
}
