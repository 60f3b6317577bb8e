import { ConcurrentWriteError } from './errors';

/**
 * Runs a read-compute-conditional-write cycle again when another writer got in between. Each try
 * re-reads, so the result is as if the writers had queued; after `attempts` the conflict surfaces.
 */
export async function withOptimisticRetry<T>(attempt: () => Promise<T>, attempts = 8): Promise<T> {
  for (let remaining = attempts; ; remaining -= 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentWriteError) || remaining <= 1) throw error;
      // Jittered, growing pauses, so writers racing for one item stop colliding in lock step.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * 10 * 2 ** (attempts - remaining)),
      );
    }
  }
}
