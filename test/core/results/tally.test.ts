import { describe, expect, it } from 'vitest';
import { TEST_MESSAGE_WORKFLOW } from '../../../shared/core/messaging/test-message';
import type { SendJob } from '../../../shared/core/messaging/send-job';
import { tallyOwner } from '../../../shared/core/results/tally';

const base = {
  step: 'email',
  customerId: '01JD3K8ZQ4X5N6P7R8S9T0VWXY',
  channel: 'email',
  templateId: 'promotion-email',
  purpose: 'marketing',
} as const;

describe('tallyOwner', () => {
  it('counts a campaign job for its campaign and a journey job for its workflow', () => {
    const campaignJob: SendJob = {
      ...base,
      workflow: 'promotion',
      runId: '01KAZ9C7MZ1X6W3ZC9F2DY5Q7R',
    };
    const journeyJob: SendJob = {
      ...base,
      workflow: 'win-back',
      enrollmentId: 'win-back:01JD3K8ZQ4X5N6P7R8S9T0VWXY:20261123T000000000Z',
    };
    expect(tallyOwner(campaignJob)).toBe('campaign:01KAZ9C7MZ1X6W3ZC9F2DY5Q7R');
    expect(tallyOwner(journeyJob)).toBe('workflow:win-back');
  });

  it('counts a test message for nobody, so it never becomes a last touch', () => {
    const testJob: SendJob = {
      ...base,
      workflow: TEST_MESSAGE_WORKFLOW,
      runId: '01KAZ9C7MZ1X6W3ZC9F2DY5Q7R',
    };
    expect(tallyOwner(testJob)).toBeUndefined();
  });
});
