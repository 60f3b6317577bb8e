import type { OptOutLink } from './compose-message';

/**
 * The opt-out a message carries: the one-click link `/u/{token}` under the API's public URL, and,
 * when the shop names a mailbox someone reads, a `mailto:` whose subject holds the same token (so
 * whoever reads it can open `/u/{token}` and withdraw with one click).
 */
export function optOutLink(input: {
  readonly publicBaseUrl: string;
  readonly token: string;
  readonly mailbox: string | null;
}): OptOutLink {
  const url = `${input.publicBaseUrl.replace(/\/+$/, '')}/u/${input.token}`;
  if (input.mailbox === null) return { url };
  const subject = encodeURIComponent(`unsubscribe ${input.token}`);
  return { url, mailto: `mailto:${input.mailbox}?subject=${subject}` };
}
