import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRecord } from '../../shared/core/customer';
import type { LapseView } from '../../shared/core/lapse-view';

const startScript = fileURLToPath(new URL('../../infra/local/start.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly token: string;
}

/** Runs what `npm start` runs, in its own folder, and reads the URL and token it prints. */
async function start(cwd: string): Promise<Running> {
  const child = spawn(tsx, [startScript], {
    cwd,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm start did not come up:\n${output}`)),
      60_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /export URL=(\S+)/.exec(output)?.[1];
      const token = /export TOKEN=(\S+)/.exec(output)?.[1];
      if (url !== undefined && token !== undefined) {
        clearTimeout(timer);
        resolve({ child, url, token });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

async function stop(running: Running): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => running.child.on('exit', resolve));
  running.child.kill('SIGINT');
  return exited;
}

function api(running: Running) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${running.token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      body: response.status === 204 ? undefined : await response.json(),
    };
  };
}

describe('npm start', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'regulars-start-'));
  });
  afterAll(async () => rm(cwd, { recursive: true, force: true }));

  it('serves the API with the printed token and keeps every customer across a restart', async () => {
    const first = await start(cwd);
    const call = api(first);
    const created = await call('POST', '/customers', {
      name: 'Nguyễn Thị Hoa',
      phone: '0912 345 678',
      email: 'hoa@example.vn',
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(
      (
        await call('PUT', `/customers/${id}/orders/shopee/SP-1`, {
          placedAt: '2026-11-01T10:00:00+07:00',
          total: { amount: 180000, currency: 'VND' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('PUT', `/customers/${id}/orders/website/W-2`, {
          placedAt: '2026-11-15T20:00:00+07:00',
          total: { amount: 95000, currency: 'VND' },
        })
      ).status,
    ).toBe(201);
    const consent = await call('POST', `/customers/${id}/consents`, {
      channel: 'sms',
      purpose: 'marketing',
      action: 'granted',
      source: 'signup_form',
      termsVersion: '2026-11',
    });
    expect(consent.status).toBe(201);
    expect(await stop(first)).toBe(0);

    const second = await start(cwd);
    try {
      const response = await api(second)('GET', `/customers/${id}`);
      expect(response.status).toBe(200);
      const record = response.body as CustomerRecord & { lapse: LapseView };
      expect(record.customer.lapse).toMatchObject({
        policy: 'mbg_nbd',
        dueDay: expect.any(String),
      });
      expect(record.lapse.explanation.vi).toContain('lần mua gần nhất');
      expect(record.lapse.explanation.en).toContain('last order');
      expect(record.customer).toMatchObject({
        name: 'Nguyễn Thị Hoa',
        phone: '+84912345678',
        aggregates: { orderCount: 2, totalSpent: { amount: 275000, currency: 'VND' } },
      });
      expect(record.orders).toHaveLength(2);
      expect(record.consentHistory).toHaveLength(1);
      expect(record.customer.consent.sms.marketing?.status).toBe('granted');
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 180_000);
});
