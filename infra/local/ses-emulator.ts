import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from './free-port';
import { superviseChild, type ChildExit } from './supervised-child';

export interface SesEmulatorOptions {
  /** Defaults to a free port chosen by the OS. */
  readonly port?: number;
  readonly startTimeoutMs?: number;
}

export type SesEmulatorExit = ChildExit;

export interface SesEmulator {
  /** The SES v2 API endpoint, for `AWS_ENDPOINT_URL_SESV2`; also the web inbox. */
  readonly endpoint: string;
  readonly inboxUrl: string;
  /** `GET` lists every received email as JSON (`{ emails: [...] }`). */
  readonly storeUrl: string;
  readonly port: number;
  readonly exited: Promise<SesEmulatorExit>;
  /** Stops the emulator and waits until it has exited. Its emails are kept in memory only. */
  stop(): Promise<void>;
}

function cliPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('aws-ses-v2-local/dist/cli.js');
}

async function waitUntilHealthy(url: string, exited: Promise<unknown>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  throw new Error(gone ? 'it exited during start-up' : `no answer within ${timeoutMs} ms`);
}

/**
 * Starts aws-ses-v2-local (SES v1 and v2 SendEmail, a web inbox, `GET /store`) as a child Node
 * process on 127.0.0.1, and resolves once its health check answers.
 */
export async function startSesEmulator(options: SesEmulatorOptions = {}): Promise<SesEmulator> {
  const port = options.port ?? (await findFreePort());
  const child = spawn(
    process.execPath,
    [cliPath(), '--host', '127.0.0.1', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const supervised = superviseChild(child);
  const { exited, stop } = supervised;

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(`${endpoint}/health-check`, exited, options.startTimeoutMs ?? 15_000);
    // If something else held the port, it may have answered while the emulator failed to bind.
    await sleep(50);
    if (supervised.hasExited()) {
      throw new Error('it exited during start-up (is the port in use?)');
    }
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `aws-ses-v2-local did not start on port ${port}: ${reason}\nIts output:\n${supervised.output()}`,
      { cause: error },
    );
  }
  return { endpoint, inboxUrl: `${endpoint}/`, storeUrl: `${endpoint}/store`, port, exited, stop };
}
