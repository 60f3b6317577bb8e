import type { JobQueue } from '../ports';
import type { DeferredJobStore } from './deferred-jobs';
import type { SendJob } from './send-job';

export interface ReleaseResult {
  /** Jobs put back on the send queue. */
  readonly released: number;
  /** True when the run stopped early (time budget) with due jobs possibly left for the next run. */
  readonly stoppedEarly: boolean;
}

/**
 * Puts every job due at `now` back on the send queue, then forgets it: enqueue first, delete
 * second, so a crash in between sends the job twice and its message key makes the second harmless.
 * `keepGoing` is asked before each job, so a run ends inside its time budget.
 */
export async function releaseDeferredJobs(
  deps: { readonly store: DeferredJobStore; readonly queue: JobQueue<SendJob> },
  now: string,
  keepGoing: () => boolean = () => true,
): Promise<ReleaseResult> {
  let released = 0;
  for await (const deferred of deps.store.due(now)) {
    if (!keepGoing()) return { released, stoppedEarly: true };
    await deps.queue.send(deferred.job);
    await deps.store.remove(deferred);
    released += 1;
  }
  return { released, stoppedEarly: false };
}
