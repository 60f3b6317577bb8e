import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { emailsTo as inbox, eventually, ownerClient, zoneAtHour } from '../helpers/local-api';
import { promotionEmail } from '../../shared/core/templates';

let stack: LocalStack;
let stateDir: string;
const call = ownerClient(() => stack);

/** The owner's call, with the Idempotency-Key a campaign request carries. */
const owner = (method: string, path: string, body?: unknown, key?: string) =>
  call(method, path, body, key === undefined ? {} : { 'idempotency-key': key });
const emailsTo = (address: string) => inbox(stack, address);

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'regulars-campaigns-'));
  stack = await startLocalStack({ stateDir, port: 0, log: () => undefined });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

async function smsTo(phone: string): Promise<string[]> {
  const text = await readFile(stack.smsOutboxFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.includes(phone))
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

async function customer(name: string, email: string, phone?: string, consents: string[] = []) {
  const created = await owner('POST', '/customers', {
    name,
    email,
    ...(phone === undefined ? {} : { phone }),
    timeZone: zoneAtHour(13),
  });
  expect(created.status).toBe(201);
  for (const channel of consents) {
    await owner('POST', `/customers/${created.body.id}/consents`, {
      channel,
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: '2026-01',
    });
  }
  return created.body.id as string;
}

const where = {
  hotline: '0909 123 456',
  websiteUrl: 'https://thaomoc.vn',
  message: 'Fanpage bị khoá.',
};

describe('campaigns over HTTP (npm start)', () => {
  beforeAll(async () => {
    expect(
      (
        await owner('PATCH', '/settings', {
          emailSender: { address: 'shop@example.com', name: 'Thảo Mộc' },
          smsSenderId: 'THAOMOC',
          // The broadcast is exempt from the cap and counts under it: room for the promotion too.
          frequencyCap: { marketingMessagesPerDay: 3 },
        })
      ).status,
    ).toBe(200);
    await customer('Nguyễn Thị Lan', 'lan@example.com', '0912 345 678', ['email', 'sms']);
    await customer('Trần Văn Minh', 'minh@example.com', '0987 654 321');
    await customer('Lê Thị Hoa', 'hoa@example.com', undefined, ['email']);
  }, 60_000);

  it('refuses a broadcast without an Idempotency-Key, naming the header', async () => {
    const answer = await owner('POST', '/broadcasts', where);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { field: 'Idempotency-Key', message: expect.stringContaining('required') },
    ]);
  });

  // First of the file: the template lookup is cached a minute, so it must not have been read yet.
  it('checks a campaign’s templates against the owner’s own, as the dispatcher sends them', async () => {
    const flashSale = { ...promotionEmail, id: 'flash-sale-email', name: 'Flash sale' };
    expect((await owner('PUT', '/templates/flash-sale-email', flashSale)).status).toBe(200);
    const promotion = {
      name: 'Flash sale',
      channels: ['email'],
      templateIds: { email: 'flash-sale-email' },
      variables: { offer: 'Giảm 30% trong 2 giờ' },
    };
    const estimate = await owner('POST', '/campaign-estimates', { kind: 'promotion', promotion });
    expect(estimate.status).toBe(200);
    expect(estimate.body.audience.email).toBe(2);
    const sendAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await owner('POST', '/campaigns', { ...promotion, sendAt }, 'flash-sale');
    expect(created).toMatchObject({ status: 201, body: { templateIds: promotion.templateIds } });
    expect((await owner('POST', `/campaigns/${created.body.id}/cancel`)).status).toBe(200);

    // The estimate's body nests the campaign: its problems say where.
    const missing = await owner('POST', '/campaign-estimates', {
      kind: 'promotion',
      promotion: { ...promotion, variables: {} },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('promotion.variables.offer');
  }, 60_000);

  it('broadcasts once per key to the consenting customers, and shows its progress', async () => {
    const first = await owner('POST', '/broadcasts', where, 'outage-2026-11-23');
    expect(first.status).toBe(201);
    const again = await owner('POST', '/broadcasts', where, 'outage-2026-11-23');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(first.headers.get('location')).toBe(`/campaigns/${first.body.id}`);
    const other = await owner(
      'POST',
      '/broadcasts',
      { ...where, hotline: '0909 000 000' },
      'outage-2026-11-23',
    );
    expect(other.status).toBe(409);

    const lan = await eventually(
      () => emailsTo('lan@example.com'),
      (emails) => emails.length > 0,
    );
    expect(lan[0]?.subject).toMatch(/^\[QC\] /);
    await eventually(
      () => emailsTo('hoa@example.com'),
      (emails) => emails.length > 0,
    );
    const sms = await eventually(
      () => smsTo('+84912345678'),
      (texts) => texts.length > 0,
    );
    expect(sms[0]).toContain('Fanpage bị khoá.');

    const progress = await eventually(
      () => owner('GET', `/campaigns/${first.body.id}`),
      (answer) => answer.body.campaign.status === 'queued',
    );
    // Lan: email and SMS; Minh: email and SMS (skipped: no consent); Hoa: email.
    expect(progress.body.progress).toMatchObject({ queued: 5, audience: 3 });
    await sleep(1000);
    expect(await emailsTo('minh@example.com')).toEqual([]);
    expect(await emailsTo('lan@example.com')).toHaveLength(1);
  }, 60_000);

  it('estimates, schedules a promotion that starts at its time, and cancels another', async () => {
    const promotion = {
      name: 'Giảm 20%',
      channels: ['email'],
      variables: { offer: 'Giảm 20% cuối tuần' },
    };
    const estimate = await owner('POST', '/campaign-estimates', { kind: 'promotion', promotion });
    expect(estimate.status).toBe(200);
    expect(estimate.body.audience).toEqual({ email: 2, sms: 0 });
    expect(estimate.body.sample[0].preview.subject).toMatch(/^\[QC\] .*Giảm 20% cuối tuần$/);

    const sendAt = new Date(Date.now() + 3000).toISOString();
    const scheduled = await owner('POST', '/campaigns', { ...promotion, sendAt }, 'promo-soon');
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.status).toBe('scheduled');
    await eventually(
      () => emailsTo('hoa@example.com'),
      (emails) => emails.some((email) => email.subject.includes('Giảm 20% cuối tuần')),
    );

    const later = await owner(
      'POST',
      '/campaigns',
      { ...promotion, sendAt: new Date(Date.now() + 3_600_000).toISOString() },
      'promo-later',
    );
    const cancelled = await owner('POST', `/campaigns/${later.body.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect((await owner('POST', `/campaigns/${later.body.id}/cancel`)).status).toBe(200);
    expect((await owner('GET', '/campaigns/0000000000000000000000000Z')).status).toBe(404);

    const list = await owner('GET', '/campaigns');
    expect(list.body.campaigns.map((campaign: { id: string }) => campaign.id).slice(0, 2)).toEqual([
      later.body.id,
      scheduled.body.id,
    ]);
  }, 60_000);
});
