import type { ChildProcess } from 'node:child_process';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the exit came from `stop()`, false for a crash. */
  readonly requested: boolean;
}

export interface SupervisedChild {
  /** The last 16,000 characters the child printed, for start-up errors. */
  output(): string;
  /** Settles when the child exits, whether stopped or crashed. */
  readonly exited: Promise<ChildExit>;
  /** True once the child has exited. */
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after a grace period; waits until the child has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once (a start-up that failed); waits until the child has exited. */
  kill(): Promise<void>;
}

const OUTPUT_LIMIT = 16_000;
const STOP_GRACE_MS = 5_000;

/**
 * Watches a helper process of the local stack (DynamoDB Local, the SES emulator): drains both
 * pipes (a full pipe buffer would block the child), records how it ended, and kills it if this
 * process exits without stopping it, so no child is ever left behind.
 */
export function superviseChild(child: ChildProcess): SupervisedChild {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let stopRequested = false;
  const exited = new Promise<ChildExit>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit({ code, signal, requested: stopRequested }));
    child.once('error', () => resolveExit({ code: null, signal: null, requested: stopRequested }));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    output: () => output.trim(),
    exited,
    hasExited,
    async stop() {
      if (hasExited()) return;
      stopRequested = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      stopRequested = true;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
