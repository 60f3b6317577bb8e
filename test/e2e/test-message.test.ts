import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { emailsTo as inbox, ownerClient, zoneAtHour } from '../helpers/local-api';

let stack: LocalStack;
let stateDir: string;
const owner = ownerClient(() => stack);
const emailsTo = (address: string) => inbox(stack, address);

// Templates accept https links only, so the links carry an https base; the test follows their
// path on the local server, as a tunnel to this machine would.

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'regulars-test-message-'));
  stack = await startLocalStack({ stateDir, port: 0, log: () => undefined });
});
afterAll(async () => {
  await stack?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** Follows the `status` link until the message is recorded as settled. */
async function settled(status: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await owner('GET', status);
    if (answer.status === 200 && answer.body.status !== 'claimed') return answer.body;
    if (Date.now() > deadline) throw new Error(`Not settled: ${JSON.stringify(answer)}`);
    await sleep(100);
  }
}

describe('owner test message', () => {
  it('sends a labelled email whose one-click link withdraws consent; the next test is skipped', async () => {
    expect(
      (
        await owner('PATCH', '/settings', {
          emailSender: { address: 'shop@example.com', name: 'Thảo Mộc' },
          unsubscribeMailbox: 'huy-dang-ky@example.com',
        })
      ).status,
    ).toBe(200);
    const email = `hoa.${Date.now()}@example.com`;
    const customer = await owner('POST', '/customers', {
      name: 'Nguyễn Thị Hoa',
      email,
      timeZone: zoneAtHour(13),
    });
    expect(customer.status).toBe(201);
    const id = customer.body.id as string;
    await owner('POST', `/customers/${id}/consents`, {
      channel: 'email',
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: '2026-01',
    });

    const queued = await owner('POST', `/customers/${id}/test-messages`, { channel: 'email' });
    expect(queued.status).toBe(202);
    const { messageKey, status } = queued.body as { messageKey: string; status: string };
    expect(messageKey).toContain('#');
    expect(status).toBe(`/messages/${encodeURIComponent(messageKey)}`);

    const sent = await settled(status);
    expect(sent).toMatchObject({ messageKey, status: 'sent', channel: 'email', customerId: id });
    expect(sent.providerMessageId).toEqual(expect.any(String));
    expect(JSON.stringify(sent)).not.toContain(email);

    const [received, ...more] = await emailsTo(email);
    expect(more).toEqual([]);
    const header = (name: string) =>
      received?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    // npm start serves the link itself, on this machine.
    const link = /<(http[^>]+)>/.exec(header('List-Unsubscribe') ?? '')?.[1];
    expect(link?.startsWith(`${stack.url}/u/`)).toBe(true);
    const token = link?.slice(`${stack.url}/u/`.length) ?? '';
    expect(header('List-Unsubscribe')).toContain(
      `<mailto:huy-dang-ky@example.com?subject=unsubscribe%20${token}>`,
    );

    const click = await fetch(link ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(click.status).toBe(200);
    const after = await owner('GET', `/customers/${id}`);
    expect(after.body.customer.consent.email.marketing.status).toBe('withdrawn');

    const second = await owner('POST', `/customers/${id}/test-messages`, { channel: 'email' });
    expect(second.status).toBe(202);
    expect(second.body.messageKey).not.toBe(messageKey);
    expect(await settled(second.body.status)).toMatchObject({
      status: 'skipped',
      skipReason: 'consent_withdrawn',
    });
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it("shows a test message sent at 02:00 in the customer's zone as deferred to the morning", async () => {
    const created = await owner('POST', '/customers', {
      name: 'Lê Thị Thu',
      email: `thu.${Date.now()}@example.com`,
      timeZone: zoneAtHour(2),
      source: 'manual',
    });
    const id = created.body.id as string;
    await owner('POST', `/customers/${id}/consents`, {
      channel: 'email',
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: '2026-11',
    });

    const queued = await owner('POST', `/customers/${id}/test-messages`, { channel: 'email' });
    const deadline = Date.now() + 20_000;
    let view = await owner('GET', queued.body.status);
    while (view.status === 404 && Date.now() < deadline) {
      await sleep(100);
      view = await owner('GET', queued.body.status);
    }

    expect(view.body).toMatchObject({ status: 'deferred', customerId: id, attempts: 0 });
    // The window opens at 07:00 local, five hours on, plus up to 30 minutes of jitter.
    const wait = Date.parse(view.body.deferredUntil) - Date.now();
    expect(wait).toBeGreaterThan(4 * 3600_000);
    expect(wait).toBeLessThan(5.6 * 3600_000);
  });

  it('previews an SMS with both costs, and names a missing variable', async () => {
    await owner('PATCH', '/settings', { smsPricePerSegment: { amount: 800, currency: 'VND' } });

    const preview = await owner('POST', '/message-previews', {
      templateId: 'promotion-sms',
      variables: { offer: 'giảm 20% toàn bộ xà phòng' },
    });
    const missing = await owner('POST', '/message-previews', { templateId: 'promotion-sms' });

    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      channel: 'sms',
      sentAs: 'as_written',
      costs: {
        asWritten: { encoding: 'UCS-2', cost: { currency: 'VND' } },
        withoutDiacritics: { encoding: 'GSM-7', cost: { currency: 'VND' } },
      },
    });
    // The opt-out link is this server's own, as a real send under npm start would carry.
    expect(preview.body.text).toContain(`${stack.url}/u/`);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'variables.offer' })]);
  });

  it('answers 404 for a message nothing is recorded for, and for an unknown customer', async () => {
    const key =
      'test-message#run%3A01KAZ9C7MZ1X6W3ZC9F2DY5Q7R#test#01KAZ9C7N0E0FQ3W7Q3WJ9Q4TB#email';
    const missing = await owner('GET', `/messages/${encodeURIComponent(key)}`);
    expect(missing.status).toBe(404);
    const nobody = await owner('POST', '/customers/01KAZ9C7N0E0FQ3W7Q3WJ9Q4TB/test-messages', {
      channel: 'sms',
    });
    expect(nobody.status).toBe(404);
  });
});
