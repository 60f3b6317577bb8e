import type { SendJob } from '../messaging/send-job';
import { TEST_MESSAGE_WORKFLOW } from '../messaging/test-message';

/**
 * Whose counts a message or an enrollment adds to: `campaign:<id>` for a broadcast or promotion
 * (a job with a run), `workflow:<id>` for a journey (win-back).
 */
export type TallyOwner = `campaign:${string}` | `workflow:${string}`;

export function campaignTally(campaignId: string): TallyOwner {
  return `campaign:${campaignId}`;
}

export function workflowTally(workflowId: string): TallyOwner {
  return `workflow:${workflowId}`;
}

/**
 * The owner a job's outcome counts for; none for a test message, which belongs to no workflow
 * or campaign and must not become the customer's last touch (an order after an owner's test
 * is no campaign's doing).
 */
export function tallyOwner(job: SendJob): TallyOwner | undefined {
  return messageOwner(job.workflow, 'runId' in job ? job.runId : undefined);
}

/**
 * The same rule from a message's workflow and run alone (what an email's tags carry back in a
 * delivery event), so a test message's delivery is never counted either.
 */
export function messageOwner(workflow: string, runId: string | undefined): TallyOwner | undefined {
  if (workflow === TEST_MESSAGE_WORKFLOW) return undefined;
  return runId === undefined ? workflowTally(workflow) : campaignTally(runId);
}

/**
 * Counter names, e.g. `queued`, `sent`, `skipped.frequency_cap`, `enrolled.holdout`,
 * `attributedRevenue`: letters, digits, `_` and `.` only, so each is one attribute.
 */
export type CounterName = string;
export type Counts = Readonly<Record<CounterName, number>>;

/**
 * Running counts, one item per owner. Only ever incremented (DynamoDB `ADD`), so writers never
 * race on a version and a count can be read at any time; a missing counter reads as 0.
 */
export interface TallyStore {
  add(owner: TallyOwner, counts: Counts): Promise<void>;
  read(owner: TallyOwner): Promise<Counts>;
}

const COUNTER = /^[A-Za-z0-9_.]{1,64}$/;

/** Whether a counter name is one the store can keep as a single attribute. */
export function isCounterName(name: string): boolean {
  return COUNTER.test(name);
}
