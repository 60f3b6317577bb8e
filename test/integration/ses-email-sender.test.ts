import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSesEmulator, type SesEmulator } from '../../infra/local/ses-emulator';
import { SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
} from '../../shared/core/messaging/errors';
import { anEmail } from '../helpers/outgoing-messages';

/** What aws-ses-v2-local keeps of each email at `GET /store`. */
interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

// As the composition root should build it: one attempt, so a lost response is never retried
// into a duplicate.
const sesClient = (endpoint: string) =>
  new SESv2Client({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

describe('SesEmailSender against aws-ses-v2-local', () => {
  let emulator: SesEmulator;
  beforeAll(async () => {
    emulator = await startSesEmulator();
  });
  afterAll(() => emulator.stop());

  async function stored(messageId: string): Promise<StoredEmail | undefined> {
    const response = await fetch(emulator.storeUrl);
    const { emails } = (await response.json()) as { emails: StoredEmail[] };
    return emails.find((email) => email.messageId === messageId);
  }

  describe('delivering', () => {
    it('delivers the subject, both parts and the one-click unsubscribe headers', async () => {
      const email = anEmail({ to: `lan+${Date.now()}@example.com` });
      const { providerMessageId } = await new SesEmailSender(sesClient(emulator.endpoint)).send(
        email,
      );

      const received = await stored(providerMessageId);
      expect(received).toMatchObject({
        destination: { to: [email.to] },
        subject: '[QC] Lâu rồi không gặp, chị Lan!',
        body: { html: email.html, text: email.text },
      });
      // The emulator stores the From as sent, so the encoded display name is visible here.
      expect(received?.from).toMatch(/^=\?UTF-8\?B\?.+\?= <shop@example\.com>$/);
      expect(received?.headers).toEqual([
        { name: 'List-Unsubscribe', value: email.headers['List-Unsubscribe'] },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ]);
    });

    it('reports a definite failure when the emulator refuses the request', async () => {
      // aws-ses-v2-local answers 400 BadRequest to a sender without an address.
      const sender = new SesEmailSender(sesClient(emulator.endpoint));
      const thrown = await sender
        .send(anEmail({ from: { address: '' } }))
        .catch((caught: unknown) => caught);
      expect(thrown).toBeInstanceOf(ProviderRejectedError);
    });
  });

  describe('a provider that never answers', () => {
    let silent: Server;
    let endpoint: string;
    beforeAll(async () => {
      // Accepts the request and never responds: the request may have been accepted.
      silent = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    });

    it('reports an unknown outcome after the request timeout, without retrying', async () => {
      let requests = 0;
      silent.on('request', () => (requests += 1));
      const sender = new SesEmailSender(sesClient(endpoint), { timeoutMs: 300 });
      const thrown = await sender.send(anEmail()).catch((caught: unknown) => caught);
      expect(thrown).toBeInstanceOf(ProviderOutcomeUnknownError);
      expect(requests).toBe(1);
    });
  });
});
