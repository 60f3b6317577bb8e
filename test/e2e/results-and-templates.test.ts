import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { ownerClient, zoneAtHour } from '../helpers/local-api';
import { winBackEmail } from '../../shared/core/templates/built-in-templates';

let stack: LocalStack;
let stateDir: string;
const owner = ownerClient(() => stack);

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'regulars-results-templates-'));
  stack = await startLocalStack({ stateDir, port: 0, log: () => undefined });
});
afterAll(async () => {
  await stack?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

const subject = '[QC] {{shopName}} nhớ bạn: quà nhỏ đang chờ';
const edited = {
  ...winBackEmail,
  locales: { vi: { ...winBackEmail.locales.vi, subject } },
};

describe('templates over the API', () => {
  it('lists, overrides with If-Match, refuses bad edits, and the next message uses the edit', async () => {
    const listed = await owner('GET', '/templates');
    expect(listed.status).toBe(200);
    expect(listed.body.templates).toContainEqual(
      expect.objectContaining({ origin: 'built_in', version: 0, template: winBackEmail }),
    );

    const wrongId = await owner('PUT', '/templates/promotion-email', edited);
    expect(wrongId.status).toBe(400);
    expect(wrongId.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    const asSms = await owner('PUT', '/templates/win-back-sms', { ...edited, id: 'win-back-sms' });
    expect(asSms.status).toBe(400);
    expect(asSms.body.errors[0].field).toBe('channel');
    const withoutOptOut = await owner('PUT', '/templates/win-back-email', {
      ...edited,
      locales: { vi: { ...edited.locales.vi, text: 'Chào {{customerName}}' } },
    });
    expect(withoutOptOut.status).toBe(400);
    expect(withoutOptOut.body.errors[0].field).toBe('locales.vi.text');

    const saved = await owner('PUT', '/templates/win-back-email', edited, { 'if-match': '"0"' });
    expect(saved.status).toBe(200);
    expect(saved.etag).toBe('"1"');
    expect(saved.body).toMatchObject({ origin: 'edited', version: 1 });
    const stale = await owner('PUT', '/templates/win-back-email', edited, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    const read = await owner('GET', '/templates/win-back-email');
    expect(read.body.template.locales.vi.subject).toBe(subject);
    // A preview shows the edit at once (no cache stands between the owner and their change).
    const preview = await owner('POST', '/message-previews', {
      templateId: 'win-back-email',
      locale: 'vi',
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toContain('nhớ bạn: quà nhỏ đang chờ');
    expect((await owner('GET', '/templates/no-such-template')).status).toBe(404);

    await owner('PATCH', '/settings', {
      name: 'Thảo Mộc',
      emailSender: { address: 'shop@example.com', name: 'Thảo Mộc' },
    });
    const email = `mai.${Date.now()}@example.com`;
    const customer = await owner('POST', '/customers', {
      name: 'Trần Thị Mai',
      email,
      timeZone: zoneAtHour(13),
    });
    await owner('POST', `/customers/${customer.body.id}/consents`, {
      channel: 'email',
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: '2026-01',
    });
    const queued = await owner('POST', `/customers/${customer.body.id}/test-messages`, {
      channel: 'email',
    });
    expect(queued.status).toBe(202);

    const deadline = Date.now() + 20_000;
    let subjects: string[] = [];
    while (subjects.length === 0 && Date.now() < deadline) {
      await sleep(100);
      const response = await fetch(`${stack.emailInboxUrl}store`);
      const { emails } = (await response.json()) as {
        emails: { subject: string; destination: { to: string[] } }[];
      };
      subjects = emails.filter((e) => e.destination.to.includes(email)).map((e) => e.subject);
    }
    expect(subjects).toEqual(['[QC] Thảo Mộc nhớ bạn: quà nhỏ đang chờ']);
  });
});

describe('results over the API', () => {
  it('answers a workflow’s results with zero counts and no rates before anything happened', async () => {
    const results = await owner('GET', '/workflows/win-back/results');
    expect(results.status).toBe(200);
    expect(results.body).toMatchObject({
      workflowId: 'win-back',
      sent: 0,
      skipped: {},
      attributedRevenue: { amount: 0, currency: 'VND' },
      messaged: { enrolled: 0, returned: 0, returnRate: null },
      holdout: { enrolled: 0, returned: 0, returnRate: null },
      lift: null,
    });
  });

  it('answers 404 for a campaign that does not exist, and 400 for a malformed id', async () => {
    const missing = await owner('GET', '/campaigns/01JD3M2Q8W5X6Y7Z8A9B0C1D2E/results');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: '/problems/campaign-not-found', status: 404 });
    const workflow = await owner('GET', '/workflows/Not%20A%20Slug/results');
    expect(workflow.status).toBe(400);
    expect(workflow.body.errors[0].field).toBe('workflowId');
  });
});
