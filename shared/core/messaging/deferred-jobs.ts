import { z } from 'zod';
import { SendJob } from './send-job';

/** A send job put aside until `until` (quiet hours), as the deferred-job store keeps it. */
export const DeferredJob = z.object({
  /** `messageKey(job)`: one deferred job per message. */
  key: z.string().min(1),
  job: SendJob,
  /** ISO instant from which the job may be dispatched again. */
  until: z.string(),
});
export type DeferredJob = z.infer<typeof DeferredJob>;

/**
 * Jobs deferred further than the queue can delay them. Keyed by message key: deferring the same
 * message again replaces it, so a redelivered job never doubles. Releasing is enqueue-then-remove:
 * a crash between the two re-enqueues a job whose message key makes the second send harmless.
 */
export interface DeferredJobStore {
  /** Keeps `job` until `until`, replacing any earlier deferral of the same message. */
  defer(job: SendJob, until: string): Promise<void>;
  /** The deferral of one message, if it is waiting. */
  get(key: string): Promise<DeferredJob | undefined>;
  /** Every job due at `now` (until ≤ now), oldest first, read page by page. */
  due(now: string): AsyncIterable<DeferredJob>;
  /** Removes the deferral, unless the message was deferred again (to another `until`) since. */
  remove(deferred: Pick<DeferredJob, 'key' | 'until'>): Promise<void>;
}
