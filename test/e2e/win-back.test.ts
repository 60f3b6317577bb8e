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

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'regulars-win-back-'));
  stack = await startLocalStack({
    stateDir,
    port: 0,
    log: () => undefined,
    planWorkflowsEveryMs: 300,
  });
});
afterAll(async () => {
  await stack?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('win-back with npm start', () => {
  it('enrolls a lapsed customer and emails them, with no owner action', async () => {
    await owner('PATCH', '/settings', {
      emailSender: { address: 'shop@example.com', name: 'Thảo Mộc' },
      lapsePolicy: { kind: 'fixed_window', days: 60 },
    });
    // One customer in ten is held out (by a hash of a random id): none here, so the test is stable.
    const journey = await owner('GET', '/workflows/win-back');
    const noHoldout = { ...journey.body.definition, holdoutShare: 0 };
    expect((await owner('PUT', '/workflows/win-back', noHoldout)).status).toBe(200);
    const email = `lan.${Date.now()}@example.com`;
    const created = await owner('POST', '/customers', {
      name: 'Nguyễn Thị Lan',
      email,
      timeZone: zoneAtHour(13),
    });
    const id = created.body.id as string;
    await owner('POST', `/customers/${id}/consents`, {
      channel: 'email',
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: '2026-01',
    });
    const placedAt = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const order = await owner('PUT', `/customers/${id}/orders/shopee/WB-${Date.now()}`, {
      placedAt,
      total: { amount: 250_000, currency: 'VND' },
    });
    expect(order.status).toBe(201);

    const deadline = Date.now() + 20_000;
    let received = await emailsTo(email);
    while (received.length === 0 && Date.now() < deadline) {
      await sleep(250);
      received = await emailsTo(email);
    }

    expect(received).toHaveLength(1);
    expect(received[0]?.subject).toMatch(/^\[QC\] /);
  }, 40_000);

  describe('the workflow API', () => {
    it('shows the journey, refuses an unknown template naming the step, and turns it off', async () => {
      const read = await owner('GET', '/workflows/win-back');
      expect(read.status).toBe(200);
      expect(read.body.definition.steps).toHaveLength(2);
      const version = read.etag as string;

      const definition = read.body.definition as { steps: { templateId: string }[] };
      const bad = await owner('PUT', '/workflows/win-back', {
        ...definition,
        steps: [definition.steps[0], { ...definition.steps[1], templateId: 'khong-co' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'steps.1.templateId' })]);
      expect((await owner('GET', '/workflows/other')).status).toBe(404);

      const off = await owner('PATCH', '/workflows/win-back', { enabled: false });
      expect(off.status).toBe(200);
      expect(off.body.definition.enabled).toBe(false);
      const stale = await fetch(`${stack.url}/workflows/win-back`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${stack.ownerToken}`,
          'content-type': 'application/json',
          'if-match': version,
        },
        body: JSON.stringify(definition),
      });
      expect(stale.status).toBe(412);
    });

    it('answers 404 for the results of an unknown workflow', async () => {
      expect((await owner('GET', '/workflows/win-back/results')).status).toBe(200);
      const unknown = await owner('GET', '/workflows/other/results');
      expect(unknown.status).toBe(404);
      expect(unknown.body.type).toMatch(/workflow-not-found$/);
    });

    it('accepts a step naming a template saved a moment ago', async () => {
      const sms = await owner('GET', '/templates/win-back-sms');
      const own = { ...sms.body.template, id: 'nhac-lai-sms' };
      expect((await owner('PUT', '/templates/nhac-lai-sms', own)).status).toBe(200);

      const read = await owner('GET', '/workflows/win-back');
      const definition = read.body.definition as { steps: { templateId: string }[] };
      const saved = await owner('PUT', '/workflows/win-back', {
        ...definition,
        steps: [definition.steps[0], { ...definition.steps[1], templateId: own.id }],
      });
      expect(saved.status).toBe(200);
    });
  });
});
