import { describe, expect, it } from 'vitest';
import {
  CampaignResults,
  WorkflowResults,
  campaignResults,
  workflowResults,
} from '../../../shared/core/results/results-view';

describe('campaignResults', () => {
  it('reads every missing counter as 0 and has nothing pending before the fan-out', () => {
    expect(campaignResults('C1', {}, 'VND')).toEqual({
      campaignId: 'C1',
      sent: 0,
      delivered: 0,
      failed: 0,
      unknown: 0,
      skipped: {},
      unsubscribed: 0,
      attributedOrders: 0,
      attributedRevenue: { amount: 0, currency: 'VND' },
      queued: 0,
      pending: 0,
    });
  });

  it('groups skips by reason and shows what is still to be handled', () => {
    const results = campaignResults(
      'C1',
      {
        queued: 10,
        sent: 5,
        failed: 1,
        unknown: 1,
        'skipped.frequency_cap': 1,
        'skipped.consent_withdrawn': 1,
        delivered: 4,
        attributedOrders: 2,
        attributedRevenue: 350_000,
      },
      'VND',
    );
    expect(results).toMatchObject({
      skipped: { frequency_cap: 1, consent_withdrawn: 1 },
      pending: 1,
      attributedRevenue: { amount: 350_000, currency: 'VND' },
    });
    expect(CampaignResults.parse(results)).toEqual(results);
  });
});

describe('workflowResults', () => {
  it('has no rate and no lift while a group is empty', () => {
    const results = workflowResults(
      'win-back',
      { 'enrolled.messaged': 4, 'returned.messaged': 1 },
      'VND',
    );
    expect(results.messaged).toEqual({ enrolled: 4, returned: 1, returnRate: 0.25 });
    expect(results.holdout).toEqual({ enrolled: 0, returned: 0, returnRate: null });
    expect(results.lift).toBeNull();
  });

  it('sets the messaged return rate beside the holdout’s, and their difference as lift', () => {
    const results = workflowResults(
      'win-back',
      {
        'enrolled.messaged': 90,
        'returned.messaged': 18,
        'enrolled.holdout': 10,
        'returned.holdout': 1,
        'exited.ordered': 19,
        'exited.unsubscribed': 2,
        completed: 60,
        sent: 150,
      },
      'VND',
    );
    expect(results.messaged.returnRate).toBeCloseTo(0.2);
    expect(results.holdout.returnRate).toBeCloseTo(0.1);
    expect(results.lift).toBeCloseTo(0.1);
    expect(results.exited).toEqual({ ordered: 19, unsubscribed: 2 });
    expect(results.completed).toBe(60);
    expect(WorkflowResults.parse(results)).toEqual(results);
  });
});
