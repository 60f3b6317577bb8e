import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalStack } from '../../infra/local/local-stack';

/** What the local API answered: the status, the headers and the parsed JSON body, if any. */
export interface OwnerAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly etag: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field
  readonly body: any;
}

type StackRef = () => Pick<LocalStack, 'url' | 'ownerToken'>;

/**
 * Calls the local API as the shop owner: a JSON body in, the JSON answer out. Takes the stack
 * lazily, since tests start it in `beforeAll`.
 */
export function ownerClient(stack: StackRef) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<OwnerAnswer> => {
    const { url, ownerToken } = stack();
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ownerToken}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      etag: response.headers.get('etag'),
      body: text === '' ? undefined : JSON.parse(text),
    };
  };
}

/**
 * A fixed-offset zone where it is now `hour` o'clock: quiet hours are the recipient's, so a test
 * behaves the same whatever the hour on the machine running it (Etc/GMT-N is UTC+N).
 */
export function zoneAtHour(hour: number, now = new Date()): string {
  let offset = (hour - now.getUTCHours() + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/** An email as aws-ses-v2-local keeps it. */
export interface StoredEmail {
  readonly subject: string;
  readonly destination: { readonly to: readonly string[] };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

/** The emails the local inbox holds for one address. */
export async function emailsTo(
  stack: Pick<LocalStack, 'emailInboxUrl'>,
  address: string,
): Promise<StoredEmail[]> {
  const response = await fetch(`${stack.emailInboxUrl}store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((email) => email.destination.to.includes(address));
}

/** Reads until `done` holds, or throws with the last value after `timeoutMs`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Not reached: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}
