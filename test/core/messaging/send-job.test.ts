import { describe, expect, it } from 'vitest';
import { SendJob, messageKey } from '../../../shared/core/messaging/send-job';

const customerId = '01JD0000000000000000000000';
const job = {
  workflow: 'win-back',
  step: 'first-nudge',
  customerId,
  channel: 'email',
  templateId: 'win-back-1',
  purpose: 'marketing',
} as const;

describe('SendJob', () => {
  describe('run or enrollment', () => {
    it('accepts a job that belongs to a run', () => {
      expect(SendJob.safeParse({ ...job, runId: 'R1' }).success).toBe(true);
    });

    it('accepts a job that belongs to an enrollment', () => {
      expect(SendJob.safeParse({ ...job, enrollmentId: 'E1' }).success).toBe(true);
    });

    it('refuses a job that names both', () => {
      expect(SendJob.safeParse({ ...job, runId: 'R1', enrollmentId: 'E1' }).success).toBe(false);
    });

    it('refuses a job that names neither', () => {
      expect(SendJob.safeParse(job).success).toBe(false);
    });
  });

  describe('fields', () => {
    it('refuses an unknown channel or purpose', () => {
      expect(SendJob.safeParse({ ...job, runId: 'R1', channel: 'zalo' }).success).toBe(false);
      expect(SendJob.safeParse({ ...job, runId: 'R1', purpose: 'survey' }).success).toBe(false);
    });

    it('refuses a customer id that is not a ULID', () => {
      expect(SendJob.safeParse({ ...job, runId: 'R1', customerId: 'abc' }).success).toBe(false);
    });
  });
});

describe('messageKey', () => {
  describe('determinism', () => {
    it('gives the same key when the same job is delivered again', () => {
      expect(messageKey({ ...job, runId: 'R1' })).toBe(messageKey({ ...job, runId: 'R1' }));
    });

    it('ignores the template and purpose, which do not make a different message', () => {
      const other: SendJob = { ...job, runId: 'R1', templateId: 'other', purpose: 'transactional' };
      expect(messageKey(other)).toBe(messageKey({ ...job, runId: 'R1' }));
    });
  });

  describe('distinctness', () => {
    it('gives different keys for another channel, step, customer or run', () => {
      const base = messageKey({ ...job, runId: 'R1' });
      expect(messageKey({ ...job, runId: 'R1', channel: 'sms' })).not.toBe(base);
      expect(messageKey({ ...job, runId: 'R1', step: 'second' })).not.toBe(base);
      expect(
        messageKey({ ...job, runId: 'R1', customerId: '01JD0000000000000000000001' }),
      ).not.toBe(base);
      expect(messageKey({ ...job, runId: 'R2' })).not.toBe(base);
    });

    it('keeps a run and an enrollment with the same id apart', () => {
      expect(messageKey({ ...job, runId: 'X' })).not.toBe(
        messageKey({ ...job, enrollmentId: 'X' }),
      );
    });

    it('cannot be forged by a separator inside a part', () => {
      expect(messageKey({ ...job, runId: 'a#b', step: 'c' })).not.toBe(
        messageKey({ ...job, runId: 'a', step: 'b#c' }),
      );
    });
  });

  describe('shape', () => {
    it('reads as workflow, owner, step, customer and channel joined by #', () => {
      expect(messageKey({ ...job, enrollmentId: 'E1' })).toBe(
        `win-back#enrollment%3AE1#first-nudge#${customerId}#email`,
      );
    });
  });
});
