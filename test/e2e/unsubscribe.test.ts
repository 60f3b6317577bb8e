import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
  type UnsubscribeKey,
} from '../../shared/core/messaging/unsubscribe-token';

let stack: LocalStack;
let stateDir: string;
let key: UnsubscribeKey;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'regulars-unsubscribe-'));
  stack = await startLocalStack({ stateDir, port: 0, log: () => undefined });
  key = deriveUnsubscribeKey(stack.environment.ADDRESS_HASH_SECRET ?? '');
});
afterAll(async () => {
  await stack?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** The parts of the owner API's answers these tests read. */
interface OwnerAnswer {
  id: string;
  customer: { consent: { sms: { marketing: { status: string; source: string } } } };
  consentHistory: { source: string }[];
}

async function owner(method: string, path: string, body?: unknown): Promise<OwnerAnswer> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.ownerToken}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as OwnerAnswer;
}

/** A customer with a phone and a provable marketing SMS grant, and a link for that channel. */
async function consentingCustomer(phone: string, locale?: 'vi' | 'en') {
  const customer = await owner('POST', '/customers', {
    name: 'Nguyễn Thị Hoa',
    phone,
    ...(locale && { locale }),
  });
  await owner('POST', `/customers/${customer.id}/consents`, {
    channel: 'sms',
    purpose: 'marketing',
    action: 'granted',
    source: 'signup_form',
    termsVersion: '2026-01',
  });
  const token = issueUnsubscribeToken(key, {
    customerId: customer.id,
    channel: 'sms',
    issuedAt: new Date(),
  });
  return { id: customer.id, token };
}

const record = (id: string) => owner('GET', `/customers/${id}`);
const oneClick = (token: string, body = 'List-Unsubscribe=One-Click') =>
  fetch(`${stack.url}/u/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'MailClient/1' },
    body,
  });

describe('one-click unsubscribe (RFC 8058)', () => {
  describe('a mail client’s one-click POST', () => {
    it('answers 200 text and withdraws SMS marketing at once, recorded as unsubscribe_link', async () => {
      const { id, token } = await consentingCustomer('0912 777 001');
      const response = await oneClick(token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('Unsubscribed.\n');

      const after = await record(id);
      expect(after.customer.consent.sms.marketing).toMatchObject({
        status: 'withdrawn',
        source: 'unsubscribe_link',
      });
      const withdrawal = after.consentHistory.filter(
        (event: { source: string }) => event.source === 'unsubscribe_link',
      );
      expect(withdrawal).toEqual([
        expect.objectContaining({
          channel: 'sms',
          purpose: 'marketing',
          action: 'withdrawn',
          userAgent: 'MailClient/1',
          ip: expect.any(String),
        }),
      ]);
    });

    it('succeeds again on a second click and records nothing new', async () => {
      const { id, token } = await consentingCustomer('0912 777 002');
      expect((await oneClick(token)).status).toBe(200);
      const once = (await record(id)).consentHistory.length;
      expect((await oneClick(token)).status).toBe(200);
      expect((await record(id)).consentHistory).toHaveLength(once);
    });

    it('answers the same for an erased customer, and writes nothing back', async () => {
      const { id, token } = await consentingCustomer('0912 777 003');
      await fetch(`${stack.url}/customers/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${stack.ownerToken}` },
      });
      const response = await oneClick(token);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('Unsubscribed.\n');
    });

    it('answers the same for a customer id that never existed', async () => {
      const token = issueUnsubscribeToken(key, {
        customerId: '01KAZ9C7MZ1X6W3ZC9F2DY5Q7R',
        channel: 'email',
        issuedAt: new Date(),
      });
      const response = await oneClick(token);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('Unsubscribed.\n');
    });

    it('refuses a body without List-Unsubscribe=One-Click, withdrawing nothing', async () => {
      const { id, token } = await consentingCustomer('0912 777 004');
      expect((await oneClick(token, 'List-Unsubscribe=Maybe')).status).toBe(400);
      expect((await record(id)).customer.consent.sms.marketing.status).toBe('granted');
    });
  });

  describe('an invalid link', () => {
    it('answers one generic 404 problem for a forged, altered or cut-short token', async () => {
      const { id, token } = await consentingCustomer('0912 777 005');
      const foreign = issueUnsubscribeToken(deriveUnsubscribeKey('x'.repeat(40)), {
        customerId: id,
        channel: 'sms',
        issuedAt: new Date(),
      });
      const altered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
      const details = new Set<string>();
      for (const bad of [foreign, altered, token.slice(0, 30), 'nonsense']) {
        for (const method of ['GET', 'POST'] as const) {
          const response =
            method === 'POST' ? await oneClick(bad) : await fetch(`${stack.url}/u/${bad}`);
          expect(response.status).toBe(404);
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          const problem = (await response.json()) as { title: string; detail: string };
          expect(JSON.stringify(problem)).not.toContain(id);
          details.add(`${problem.title}|${problem.detail}`);
        }
      }
      expect(details.size).toBe(1);
      expect((await record(id)).customer.consent.sms.marketing.status).toBe('granted');
    });
  });

  describe('the page behind the link', () => {
    it('withdraws nothing on GET, and answers HTML under a strict CSP in the customer’s language', async () => {
      const { id, token } = await consentingCustomer('0912 777 006', 'en');
      const response = await fetch(`${stack.url}/u/${token}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await response.text();
      expect(html).toContain('lang="en"');
      expect(html).toContain('marketing text messages');
      expect(html).not.toMatch(/<script|https?:\/\//);
      expect((await record(id)).customer.consent.sms.marketing.status).toBe('granted');
    });
  });

  describe('in a browser', () => {
    const chromiumPath = '/usr/bin/chromium';
    const available = existsSync(chromiumPath);
    const inCi = process.env.CI === 'true';
    if (!available && !inCi) {
      it.skip(
        `needs Debian's Chromium at ${chromiumPath} (apt-get install chromium); skipped locally`,
      );
      return;
    }

    it('shows the Vietnamese page, and one click on its button unsubscribes', async () => {
      expect(available, `${chromiumPath} is missing; CI must install it (.ci/run)`).toBe(true);
      const { id, token } = await consentingCustomer('0912 777 007');
      const userDataDir = await mkdtemp(join(tmpdir(), 'regulars-chromium-'));
      // Playwright passes the profile folder as --user-data-dir itself: a new, empty one.
      const browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: chromiumPath,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
        });
        await page.goto(`${stack.url}/u/${token}`);
        await expect(page.locator('h1').textContent()).resolves.toBe('Hủy đăng ký nhận quảng cáo');
        expect(await page.locator('main p').textContent()).toContain('tin nhắn SMS quảng cáo');
        expect((await record(id)).customer.consent.sms.marketing.status).toBe('granted');

        await page.getByRole('button', { name: 'Hủy đăng ký' }).click();
        await page.waitForLoadState();
        await expect(page.locator('h1').textContent()).resolves.toBe('Bạn đã hủy đăng ký');
        expect(violations).toEqual([]);
        expect((await record(id)).customer.consent.sms.marketing).toMatchObject({
          status: 'withdrawn',
          source: 'unsubscribe_link',
        });
      } finally {
        await browser.close();
        await rm(userDataDir, { recursive: true, force: true });
      }
    });
  });
});
