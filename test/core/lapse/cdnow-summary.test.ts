import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../../shared/core/lapse/day-number';
import { rfmColumns, summarizeLog } from '../../../shared/core/lapse/purchase-log';
import { CALIBRATION_END, cdnowSampleLog, cdnowSummary } from '../../helpers/cdnow';

describe('summarizeLog on CDNOW', () => {
  it('rebuilds cdnow_customers_summary.csv from CDNOW_sample.txt exactly, all 2,357 rows', () => {
    const end = dayNumber(CALIBRATION_END);
    const days = summarizeLog(cdnowSampleLog(), { through: end });
    const rfm = rfmColumns(days, end, 'week');
    const published = cdnowSummary();
    expect(published).toHaveLength(2357);
    expect(rfm.x).toHaveLength(2357);
    const mismatches: string[] = [];
    published.forEach((row, j) => {
      const ours = [
        (rfm.customer[j] as number) + 1,
        (rfm.x[j] as number).toFixed(2),
        (rfm.tx[j] as number).toFixed(2),
        (rfm.T[j] as number).toFixed(2),
      ].join(',');
      const theirs = [
        row.id,
        row.frequency.toFixed(2),
        row.recency.toFixed(2),
        row.T.toFixed(2),
      ].join(',');
      if (ours !== theirs) mismatches.push(`${theirs} ≠ ${ours}`);
    });
    expect(mismatches).toEqual([]);
  });

  it('matches the totals the data README gives', () => {
    const end = dayNumber(CALIBRATION_END);
    const rfm = rfmColumns(summarizeLog(cdnowSampleLog(), { through: end }), end, 'week');
    expect(rfm.x.filter((x) => x > 0)).toHaveLength(946);
    expect(rfm.x.reduce((sum, x) => sum + x, 0)).toBe(2457);
    expect(Math.min(...rfm.T).toFixed(2)).toBe('27.00');
    expect(Math.max(...rfm.T).toFixed(2)).toBe('38.86');
  });

  it('counts the holdout period as 1,882 customer-days from 684 customers', () => {
    const days = summarizeLog(cdnowSampleLog(), {
      from: dayNumber(CALIBRATION_END) + 1,
      through: dayNumber('1998-06-30'),
    });
    expect(days.purchaseDays.reduce((sum, k) => sum + k, 0)).toBe(1882);
    expect(days.purchaseDays.filter((k) => k > 0)).toHaveLength(684);
  });
});
