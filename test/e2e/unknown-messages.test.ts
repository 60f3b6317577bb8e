import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDynamoDbClient } from '../../infra/local/dynamodb-client';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { DynamoMessageLedger } from '../../shared/adapters/dynamodb/message-ledger';
import { messageKey, type SendJob } from '../../shared/core/messaging/send-job';
import { ids } from '../helpers/builders';

let stack: LocalStack;
let stateDir: string;
let ledger: DynamoMessageLedger;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'regulars-unknown-messages-'));
  stack = await startLocalStack({ stateDir, port: 0, log: () => undefined });
  ledger = new DynamoMessageLedger(
    DynamoDBDocumentClient.from(createLocalDynamoDbClient(stack.dynamoEndpoint)),
    stack.tableName,
  );
});
afterAll(async () => {
  await stack?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

async function owner(path: string) {
  const response = await fetch(`${stack.url}${path}`, {
    headers: { authorization: `Bearer ${stack.ownerToken}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A message handed to the provider at `at` whose answer never came: recorded `unknown`. */
async function unknownMessage(at: string, channel: 'sms' | 'email' = 'sms'): Promise<string> {
  const job = {
    workflow: 'win-back',
    enrollmentId: ids.newId(),
    step: 'first-nudge',
    customerId: ids.newId(),
    channel,
    templateId: `win-back-${channel}`,
    purpose: 'marketing',
  } as SendJob;
  const key = messageKey(job);
  const claim = await ledger.claim(key, job, at, 60_000);
  if (claim.outcome !== 'claimed') throw new Error(`expected a claim, got ${claim.outcome}`);
  await ledger.markUnknown(claim.claim, at, 'timeout');
  return key;
}

describe('GET /messages?status=unknown', () => {
  it('lists the messages of unknown outcome newest first, `limit` at a time', async () => {
    const older = await unknownMessage('2026-11-23T03:00:00.000Z');
    const newer = await unknownMessage('2026-11-23T04:00:00.000Z', 'email');

    const page = await owner('/messages?status=unknown&limit=1');
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      messages: [
        expect.objectContaining({
          messageKey: newer,
          status: 'unknown',
          channel: 'email',
          failure: expect.objectContaining({ reason: 'timeout' }),
        }),
      ],
      more: true,
    });

    const all = await owner('/messages?status=unknown');
    expect(all.status).toBe(200);
    expect((all.body.messages as { messageKey: string }[]).map((m) => m.messageKey)).toEqual([
      newer,
      older,
    ]);
    expect(all.body.more).toBe(false);
  });

  it.each([
    ['no status', '/messages'],
    ['another status', '/messages?status=sent'],
    ['a limit over 100', '/messages?status=unknown&limit=101'],
    ['a limit under 1', '/messages?status=unknown&limit=0'],
  ])('refuses %s with 400', async (_, path) => {
    const answer = await owner(path);
    expect(answer.status).toBe(400);
    expect(answer.body.type).toBe('/problems/invalid-input');
  });

  it('leaves /messages/{messageKey} to getMessage, which answers a typed 404', async () => {
    const answer = await owner('/messages/unknown');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({
      type: '/problems/message-not-found',
      title: 'No such message',
    });
  });
});
