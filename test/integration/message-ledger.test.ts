import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCapWindowStore } from '../../shared/adapters/dynamodb/cap-window-store';
import { keys } from '../../shared/adapters/dynamodb/keys';
import {
  DynamoMessageLedger,
  MESSAGE_RECORD_TTL_DAYS,
} from '../../shared/adapters/dynamodb/message-ledger';
import { ConcurrentWriteError, InvalidInputError } from '../../shared/core/errors';
import { claimCapSlot } from '../../shared/core/messaging/frequency-cap';
import { ClaimLostError } from '../../shared/core/messaging/errors';
import type { MessageClaim } from '../../shared/core/messaging/ledger';
import { messageKey, type SendJob } from '../../shared/core/messaging/send-job';
import { ids } from '../helpers/builders';
import { createStore, type StoreFixture } from '../helpers/store';

let store: StoreFixture;
let ledger: DynamoMessageLedger;
let capWindows: DynamoCapWindowStore;
beforeAll(async () => {
  store = await createStore();
  ledger = new DynamoMessageLedger(store.documentClient, store.table.tableName);
  capWindows = new DynamoCapWindowStore(store.documentClient, store.table.tableName);
});
afterAll(async () => store.table.dropTable());

const T0 = '2026-11-23T03:00:00.000Z';
const LEASE_MS = 60_000;
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();

/** A job of its own customer, so every test has its own message key. */
function aJob(overrides: Partial<SendJob> = {}): { job: SendJob; key: string } {
  const job: SendJob = {
    workflow: 'win-back',
    enrollmentId: ids.newId(),
    step: 'first-nudge',
    customerId: ids.newId(),
    channel: 'sms',
    templateId: 'win-back-sms',
    purpose: 'marketing',
    ...overrides,
  } as SendJob;
  return { job, key: messageKey(job) };
}

async function claimed(key: string, job: SendJob, now = T0): Promise<MessageClaim> {
  const result = await ledger.claim(key, job, now, LEASE_MS);
  if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
  return result.claim;
}

async function rawItem(key: string) {
  const { Item } = await store.documentClient.send(
    new GetCommand({ TableName: store.table.tableName, Key: keys.message(key) }),
  );
  return Item;
}

describe('message ledger', () => {
  describe('claiming', () => {
    it('grants exactly one of 10 concurrent claims of one key', async () => {
      const { job, key } = aJob();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => ledger.claim(key, job, T0, LEASE_MS)),
      );
      expect(results.filter((result) => result.outcome === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'alreadyClaimed')).toHaveLength(9);
      expect(await ledger.get(key)).toMatchObject({ status: 'claimed', attempts: 1, job });
    });

    it('grants exactly one of two racing claims', async () => {
      const { job, key } = aJob({ channel: 'email', templateId: 'win-back-email' });
      const [first, second] = await Promise.all([
        ledger.claim(key, job, T0, LEASE_MS),
        ledger.claim(key, job, T0, LEASE_MS),
      ]);
      expect([first.outcome, second.outcome].sort()).toEqual(['alreadyClaimed', 'claimed']);
    });

    it('answers alreadyClaimed while the lease is live', async () => {
      const { job, key } = aJob();
      await claimed(key, job);
      const result = await ledger.claim(key, job, at(LEASE_MS - 1), LEASE_MS);
      expect(result).toMatchObject({ outcome: 'alreadyClaimed', record: { status: 'claimed' } });
    });

    it('stores the record under MSG#<key> with a 90-day TTL', async () => {
      const { job, key } = aJob();
      await claimed(key, job);
      const item = await rawItem(key);
      expect(item).toMatchObject({ pk: `MSG#${key}`, sk: 'MESSAGE', key, status: 'claimed' });
      expect(item?.ttl).toBe(Date.parse(T0) / 1000 + MESSAGE_RECORD_TTL_DAYS * 86_400);
      expect(await ledger.get(key)).toMatchObject({
        claimedAt: T0,
        leaseUntil: at(LEASE_MS),
      });
    });

    it('refuses a key that is not the job’s message key', async () => {
      const { job } = aJob();
      const other = aJob();
      await expect(ledger.claim(other.key, job, T0, LEASE_MS)).rejects.toBeInstanceOf(
        InvalidInputError,
      );
      expect(await ledger.get(other.key)).toBeUndefined();
    });
  });

  describe('after a send', () => {
    it('answers alreadySent to a later claim', async () => {
      const { job, key } = aJob();
      const claim = await claimed(key, job);
      const sent = await ledger.recordSent(claim, 'ses-0001', at(1_000));
      expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'ses-0001', attempts: 1 });
      const result = await ledger.claim(key, job, at(2_000), LEASE_MS);
      expect(result).toMatchObject({ outcome: 'alreadySent', record: { status: 'sent' } });
    });

    it('never grants the key again to five claims in sequence, however late', async () => {
      const { job, key } = aJob();
      await ledger.recordSent(await claimed(key, job), 'ses-0002', at(1_000));
      const outcomes = [];
      for (let delivery = 1; delivery <= 5; delivery += 1)
        outcomes.push(
          (await ledger.claim(key, job, at(delivery * 3 * LEASE_MS), LEASE_MS)).outcome,
        );
      expect(outcomes).toEqual(Array(5).fill('alreadySent'));
      expect(await ledger.get(key)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('refuses to record the send twice or to release a sent message', async () => {
      const { job, key } = aJob();
      const claim = await claimed(key, job);
      await ledger.recordSent(claim, 'ses-0003', at(1_000));
      await expect(ledger.recordSent(claim, 'ses-other', at(2_000))).rejects.toBeInstanceOf(
        ClaimLostError,
      );
      await expect(ledger.release(claim, at(2_000), 'rejected')).rejects.toMatchObject({
        current: { status: 'sent', providerMessageId: 'ses-0003' },
      });
    });
  });

  describe('a claim that outlives its lease', () => {
    it('is reported stale, and once marked unknown is never claimable again', async () => {
      const { job, key } = aJob();
      await claimed(key, job);
      const stale = await ledger.claim(key, job, at(LEASE_MS), LEASE_MS);
      expect(stale.outcome).toBe('staleClaim');
      if (stale.outcome !== 'staleClaim') return;
      expect(stale.claim).toEqual({ key, attempt: 1 });

      const unknown = await ledger.markUnknown(stale.claim, at(LEASE_MS), 'lease expired');
      expect(unknown).toMatchObject({
        status: 'unknown',
        failure: { at: at(LEASE_MS), reason: 'lease expired' },
      });
      const outcomes = [];
      for (let delivery = 1; delivery <= 5; delivery += 1)
        outcomes.push(
          (await ledger.claim(key, job, at(delivery * 5 * LEASE_MS), LEASE_MS)).outcome,
        );
      expect(outcomes).toEqual(Array(5).fill('alreadyDone'));
      expect(await ledger.get(key)).toMatchObject({ status: 'unknown', attempts: 1 });
    });

    it('lets only one of two dispatchers that found it stale mark it unknown', async () => {
      const { job, key } = aJob();
      await claimed(key, job);
      const [a, b] = await Promise.all([
        ledger.claim(key, job, at(2 * LEASE_MS), LEASE_MS),
        ledger.claim(key, job, at(2 * LEASE_MS), LEASE_MS),
      ]);
      if (a.outcome !== 'staleClaim' || b.outcome !== 'staleClaim') throw new Error('not stale');
      const marks = await Promise.allSettled([
        ledger.markUnknown(a.claim, at(2 * LEASE_MS), 'lease expired'),
        ledger.markUnknown(b.claim, at(2 * LEASE_MS), 'lease expired'),
      ]);
      expect(marks.filter((mark) => mark.status === 'fulfilled')).toHaveLength(1);
      expect(marks.find((mark) => mark.status === 'rejected')?.reason).toBeInstanceOf(
        ClaimLostError,
      );
    });

    it('cannot be marked unknown once its own attempt recorded the send', async () => {
      const { job, key } = aJob();
      const claim = await claimed(key, job);
      const stale = await ledger.claim(key, job, at(LEASE_MS + 1), LEASE_MS);
      if (stale.outcome !== 'staleClaim') throw new Error('not stale');
      await ledger.recordSent(claim, 'ses-0004', at(LEASE_MS + 2));
      await expect(
        ledger.markUnknown(stale.claim, at(LEASE_MS + 3), 'lease expired'),
      ).rejects.toMatchObject({ current: { status: 'sent' } });
    });

    it('still takes a late send from the attempt that was marked unknown', async () => {
      const { job, key } = aJob();
      const claim = await claimed(key, job);
      await ledger.markUnknown(claim, at(LEASE_MS), 'lease expired');
      const sent = await ledger.recordSent(claim, 'ses-0005', at(LEASE_MS + 10));
      expect(sent).toMatchObject({ status: 'sent', providerMessageId: 'ses-0005' });
      expect((await ledger.claim(key, job, at(3 * LEASE_MS), LEASE_MS)).outcome).toBe(
        'alreadySent',
      );
    });
  });

  describe('after an ambiguous failure', () => {
    it('keeps the message unknown and never grants it again', async () => {
      const { job, key } = aJob();
      const claim = await claimed(key, job);
      await ledger.markUnknown(claim, at(1_000), 'TimeoutError after the request was sent');
      for (let delivery = 1; delivery <= 5; delivery += 1)
        expect((await ledger.claim(key, job, at(delivery * 1_000), LEASE_MS)).outcome).toBe(
          'alreadyDone',
        );
    });
  });

  describe('after a definite failure', () => {
    it('is claimable again once released, as the next attempt', async () => {
      const { job, key } = aJob();
      const first = await claimed(key, job);
      const failed = await ledger.release(first, at(1_000), 'Throttling: Maximum sending rate');
      expect(failed).toMatchObject({ status: 'failed', failure: { reason: /Throttling/ } });

      const again = await ledger.claim(key, job, at(5_000), LEASE_MS);
      expect(again).toMatchObject({ outcome: 'claimed', claim: { key, attempt: 2 } });
      if (again.outcome !== 'claimed') return;
      expect(again.record).not.toHaveProperty('failure');
      await expect(ledger.recordSent(first, 'ses-late', at(6_000))).rejects.toBeInstanceOf(
        ClaimLostError,
      );
      await ledger.recordSent(again.claim, 'ses-0006', at(6_000));
      expect(await ledger.get(key)).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('grants exactly one of racing claims after a release', async () => {
      const { job, key } = aJob();
      await ledger.release(await claimed(key, job), at(1_000), 'endpoint unreachable');
      const results = await Promise.all(
        Array.from({ length: 5 }, () => ledger.claim(key, job, at(2_000), LEASE_MS)),
      );
      expect(results.filter((result) => result.outcome === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'alreadyClaimed')).toHaveLength(4);
    });
  });

  describe('skips', () => {
    it('records a skip with its reason, which no later claim overrides', async () => {
      const { job, key } = aJob();
      const skip = await ledger.recordSkip(key, job, 'consent_withdrawn', T0);
      expect(skip).toMatchObject({
        outcome: 'recorded',
        record: { status: 'skipped', skipReason: 'consent_withdrawn', skippedAt: T0, attempts: 0 },
      });
      expect((await ledger.claim(key, job, at(1_000), LEASE_MS)).outcome).toBe('alreadyDone');
      expect(await ledger.recordSkip(key, job, 'frequency_cap', at(2_000))).toMatchObject({
        outcome: 'alreadyDecided',
        record: { skipReason: 'consent_withdrawn' },
      });
    });

    it('does not overwrite a sent message with a skip', async () => {
      const { job, key } = aJob();
      await ledger.recordSent(await claimed(key, job), 'ses-0007', at(1_000));
      expect(await ledger.recordSkip(key, job, 'frequency_cap', at(2_000))).toMatchObject({
        outcome: 'alreadyDecided',
        record: { status: 'sent' },
      });
    });

    it('records a skip on a released message', async () => {
      const { job, key } = aJob();
      await ledger.release(await claimed(key, job), at(1_000), 'rejected');
      expect(await ledger.recordSkip(key, job, 'suppressed_bounce', at(2_000))).toMatchObject({
        outcome: 'recorded',
        record: { status: 'skipped', attempts: 1, skipReason: 'suppressed_bounce' },
      });
    });
  });
});

describe('cap window store', () => {
  const policy = { messagesPerDay: 1, exempt: false };

  it('reads version 0 with no sends for a customer never messaged', async () => {
    expect(await capWindows.read(ids.newId())).toEqual({ sends: [], version: 0 });
  });

  it('saves a window under CAP#<customer> with a TTL two days after the newest send', async () => {
    const customerId = ids.newId();
    const slot = claimCapSlot(await capWindows.read(customerId), 'sms', T0, policy);
    if (!slot.allowed) throw new Error('refused');
    await capWindows.save(customerId, slot.next, 0);
    expect(await capWindows.read(customerId)).toEqual({
      sends: [{ at: T0, channel: 'sms' }],
      version: 1,
    });
    const { Item } = await store.documentClient.send(
      new GetCommand({ TableName: store.table.tableName, Key: keys.capWindow(customerId) }),
    );
    expect(Item).toMatchObject({ pk: `CAP#${customerId}`, sk: 'WINDOW' });
    expect(Item?.ttl).toBe(Date.parse(T0) / 1000 + 2 * 86_400);
  });

  it('lets exactly one of racing saves from the same read version win', async () => {
    const customerId = ids.newId();
    const read = await capWindows.read(customerId);
    const results = await Promise.allSettled(
      (['sms', 'email', 'sms', 'email', 'sms'] as const).map((channel, index) => {
        const slot = claimCapSlot(read, channel, at(index), policy);
        if (!slot.allowed) throw new Error('refused');
        return capWindows.save(customerId, slot.next, read.version);
      }),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConcurrentWriteError);
    const after = await capWindows.read(customerId);
    expect(after.sends).toHaveLength(1);
    expect(claimCapSlot(after, 'email', at(10), policy)).toEqual({
      allowed: false,
      reason: 'frequency_cap',
    });
  });

  it('lets exactly one of racing saves win on an existing window too', async () => {
    const customerId = ids.newId();
    const first = claimCapSlot(await capWindows.read(customerId), 'sms', T0, policy);
    if (!first.allowed) throw new Error('refused');
    await capWindows.save(customerId, first.next, 0);
    const read = await capWindows.read(customerId);
    const exempt = { messagesPerDay: 1, exempt: true };
    const results = await Promise.allSettled(
      [1, 2, 3].map((index) => {
        const slot = claimCapSlot(read, 'email', at(index * 1_000), exempt);
        if (!slot.allowed) throw new Error('refused');
        return capWindows.save(customerId, slot.next, read.version);
      }),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await capWindows.read(customerId)).toMatchObject({ version: 2 });
  });
});

describe('messages of unknown outcome', () => {
  it('are listed for the owner, newest first, until a late answer settles them', async () => {
    const own = await createStore();
    try {
      const ownLedger = new DynamoMessageLedger(own.documentClient, own.table.tableName);
      const [first, second, third] = [aJob(), aJob(), aJob({ channel: 'email' })];
      const claims = [];
      for (const [index, { job, key }] of [first, second, third].entries()) {
        const claim = await ownLedger.claim(key, job, at(index * 1_000), LEASE_MS);
        if (claim.outcome !== 'claimed') throw new Error('not claimed');
        claims.push(claim.claim);
        await ownLedger.markUnknown(claim.claim, at(index * 1_000 + 500), 'timeout');
      }
      const [firstClaim] = claims;
      if (firstClaim === undefined) throw new Error('no claims');
      await ownLedger.recordSent(firstClaim, 'ses-late', at(10_000));

      const listed = await ownLedger.listUnknown(1);
      const all = await ownLedger.listUnknown(10);

      expect(listed.records.map((record) => record.key)).toEqual([third.key]);
      expect(listed.more).toBe(true);
      expect(all.records.map((record) => record.key)).toEqual([third.key, second.key]);
      expect(all.records[0]).toMatchObject({ status: 'unknown', failure: { reason: 'timeout' } });
      expect(all.more).toBe(false);
    } finally {
      await own.table.dropTable();
    }
  });
});
