import { describe, expect, it } from 'vitest';
import type { SendJob } from '../../../shared/core/messaging/send-job';
import { BatchTally, outcomeCounts } from '../../../shared/core/results/message-counts';

const key = 'k';

describe('outcomeCounts', () => {
  it.each([
    [{ kind: 'sent', key, providerMessageId: 'P1' }, { sent: 1 }],
    [{ kind: 'failed', key, providerCode: 'MessageRejected' }, { failed: 1 }],
    [{ kind: 'unknown', key, why: 'timeout' }, { unknown: 1 }],
    [{ kind: 'skipped', key, reason: 'frequency_cap' }, { 'skipped.frequency_cap': 1 }],
    [{ kind: 'skipped', key, reason: 'frequency_cap', alreadyRecorded: true }, {}],
    [{ kind: 'duplicate', key, status: 'sent' }, {}],
    [{ kind: 'deferred', key, until: '2026-11-24T00:00:00.000Z' }, {}],
    [{ kind: 'inProgress', key }, {}],
  ] as const)('counts %j as %j', (outcome, counts) => {
    expect(outcomeCounts(outcome)).toEqual(counts);
  });
});

describe('BatchTally', () => {
  const job = (overrides: Partial<SendJob>): SendJob =>
    ({
      workflow: 'promotion',
      step: 's',
      customerId: 'C1',
      channel: 'sms',
      templateId: 'promotion-sms',
      purpose: 'marketing',
      ...overrides,
    }) as SendJob;

  it('sums the outcomes of a batch per owner and leaves out owners with nothing to add', () => {
    const tally = new BatchTally();
    const run = job({ runId: 'R1' });
    tally.addOutcome(run, { kind: 'sent', key, providerMessageId: 'P1' });
    tally.addOutcome(run, { kind: 'sent', key, providerMessageId: 'P2' });
    tally.addOutcome(run, { kind: 'skipped', key, reason: 'no_consent' });
    tally.addOutcome(job({ enrollmentId: 'win-back:C1:20261123T030000Z', workflow: 'win-back' }), {
      kind: 'unknown',
      key,
      why: 'timeout',
    });
    tally.addOutcome(job({ runId: 'R2' }), { kind: 'duplicate', key, status: 'sent' });

    expect(tally.entries()).toEqual([
      ['campaign:R1', { sent: 2, 'skipped.no_consent': 1 }],
      ['workflow:win-back', { unknown: 1 }],
    ]);
  });
});
