import { DAYS_PER_UNIT, type RfmColumns, type TimeUnit } from './rfm-columns';

/**
 * A purchase log held in memory as columns: row i is a purchase by customer `customer[i]`
 * (0 … customers − 1) on day `day[i]` (a `dayNumber`). Rows need not be sorted; several rows on
 * one day count as one purchase day.
 */
export interface PurchaseLog {
  readonly customers: number;
  readonly customer: Int32Array;
  readonly day: Int32Array;
}

/** Per customer: first and last purchase day and the number of distinct purchase days (0 = none). */
export interface PurchaseDayColumns {
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  readonly purchaseDays: Int32Array;
  /** Median gap between consecutive distinct purchase days; NaN for fewer than two days. */
  readonly medianGap: Float64Array;
}

/**
 * Summarises the rows on days `from` … `through` (inclusive) in linear time: a counting sort by
 * customer, then each customer's few days are sorted in place and deduplicated.
 */
export function summarizeLog(
  log: PurchaseLog,
  window: { readonly from?: number; readonly through: number },
): PurchaseDayColumns {
  const from = window.from ?? -Infinity;
  const { through } = window;
  const n = log.customers;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < log.customer.length; i += 1) {
    const d = log.day[i] as number;
    if (d >= from && d <= through) {
      const slot = (log.customer[i] as number) + 1;
      start[slot] = (start[slot] as number) + 1;
    }
  }
  for (let c = 0; c < n; c += 1) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const fill = start.slice(0, n);
  const days = new Int32Array(start[n] as number);
  for (let i = 0; i < log.customer.length; i += 1) {
    const d = log.day[i] as number;
    if (d >= from && d <= through) {
      const c = log.customer[i] as number;
      days[fill[c] as number] = d;
      fill[c] = (fill[c] as number) + 1;
    }
  }
  const firstDay = new Int32Array(n);
  const lastDay = new Int32Array(n);
  const purchaseDays = new Int32Array(n);
  const medianGap = new Float64Array(n).fill(Number.NaN);
  const gaps: number[] = [];
  for (let c = 0; c < n; c += 1) {
    const lo = start[c] as number;
    const hi = start[c + 1] as number;
    if (hi === lo) continue;
    const segment = days.subarray(lo, hi);
    insertionSort(segment);
    let distinctDays = 1;
    gaps.length = 0;
    for (let k = 1; k < segment.length; k += 1) {
      const gap = (segment[k] as number) - (segment[k - 1] as number);
      if (gap > 0) {
        distinctDays += 1;
        gaps.push(gap);
      }
    }
    firstDay[c] = segment[0] as number;
    lastDay[c] = segment[segment.length - 1] as number;
    purchaseDays[c] = distinctDays;
    if (gaps.length > 0) medianGap[c] = median(gaps);
  }
  return { firstDay, lastDay, purchaseDays, medianGap };
}

/** Most customers have one to a few purchase days: insertion sort beats a general sort there. */
function insertionSort(values: Int32Array): void {
  if (values.length > 32) {
    values.sort();
    return;
  }
  for (let i = 1; i < values.length; i += 1) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= 0 && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j -= 1;
    }
    values[j + 1] = v;
  }
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1
    ? (values[mid] as number)
    : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}

/**
 * BTYD columns for the customers with at least one purchase, observed until the end of `endDay`,
 * in `unit`s; `customer[j]` says which customer row j is.
 */
export function rfmColumns(
  days: PurchaseDayColumns,
  endDay: number,
  unit: TimeUnit,
): RfmColumns & { readonly customer: Int32Array } {
  let count = 0;
  for (const k of days.purchaseDays) if (k > 0) count += 1;
  const x = new Float64Array(count);
  const tx = new Float64Array(count);
  const T = new Float64Array(count);
  const customer = new Int32Array(count);
  const perUnit = DAYS_PER_UNIT[unit];
  let j = 0;
  for (let c = 0; c < days.purchaseDays.length; c += 1) {
    const k = days.purchaseDays[c] as number;
    if (k === 0) continue;
    const first = days.firstDay[c] as number;
    x[j] = k - 1;
    tx[j] = ((days.lastDay[c] as number) - first) / perUnit;
    T[j] = (endDay - first) / perUnit;
    customer[j] = c;
    j += 1;
  }
  return { x, tx, T, customer };
}
