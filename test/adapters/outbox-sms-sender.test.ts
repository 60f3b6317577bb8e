import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxSmsSender } from '../../shared/adapters/sms/outbox-sms-sender';
import { readSmsOutbox } from '../../shared/adapters/sms/sms-outbox';
import { ManualClock, ids } from '../helpers/builders';
import { anSms } from '../helpers/outgoing-messages';

describe('OutboxSmsSender', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regulars-outbox-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describe('writing the outbox', () => {
    it('appends one JSON line per SMS that the reader parses back, Vietnamese intact', async () => {
      const path = join(dir, 'nested', 'sms-outbox.jsonl');
      const sender = new OutboxSmsSender(path, new ManualClock(), ids);
      const first = await sender.send(anSms());
      await sender.send(anSms({ text: 'Hello Lan', senderId: null, type: 'Transactional' }));

      const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      const entries = await readSmsOutbox(path);
      expect(entries[0]).toEqual({
        id: first.providerMessageId,
        time: '2026-11-23T03:00:00.000Z',
        to: '+84912345678',
        senderId: 'THAOMOC',
        type: 'Promotional',
        text: anSms().text,
        encoding: 'UCS-2',
        segments: 2,
      });
      expect(entries[1]).toMatchObject({ encoding: 'GSM-7', segments: 1, senderId: null });
    });

    it('keeps every line when many SMS are sent at once', async () => {
      const path = join(dir, 'sms-outbox.jsonl');
      const sender = new OutboxSmsSender(path, new ManualClock(), ids);
      const receipts = await Promise.all(
        Array.from({ length: 50 }, (_, i) => sender.send(anSms({ text: `Tin ${i}` }))),
      );
      const entries = await readSmsOutbox(path);
      expect(new Set(entries.map((entry) => entry.id))).toEqual(
        new Set(receipts.map((receipt) => receipt.providerMessageId)),
      );
    });
  });

  describe('reading the outbox', () => {
    it('reads a missing file as empty and skips a torn line', async () => {
      const path = join(dir, 'sms-outbox.jsonl');
      expect(await readSmsOutbox(path)).toEqual([]);
      const sender = new OutboxSmsSender(path, new ManualClock(), ids);
      await sender.send(anSms());
      const { appendFile } = await import('node:fs/promises');
      await appendFile(path, '{"id":"torn');
      expect(await readSmsOutbox(path)).toHaveLength(1);
    });
  });
});
