import type { RfmColumns } from './rfm-columns';

/**
 * Customers with identical (x, t_x, T) contribute identical likelihood terms, so the fit works on
 * distinct patterns with weights. Each pattern also points into the distinct x, t_x and T values,
 * so that terms depending on one of them alone (log-gammas per x, logs per T) are computed once.
 */
export interface PatternSet {
  readonly size: number;
  readonly weight: Float64Array;
  readonly xIndex: Int32Array;
  readonly txIndex: Int32Array;
  readonly tIndex: Int32Array;
  /** Distinct values, ascending. */
  readonly xs: Float64Array;
  readonly txs: Float64Array;
  readonly ts: Float64Array;
  /** Total weight: the number of customers. */
  readonly customers: number;
}

/** Distinct values of `values` (ascending) and, for each input, the index of its value. */
function distinct(values: Float64Array): {
  readonly values: Float64Array;
  readonly index: Int32Array;
} {
  return smallIntegers(values) ?? distinctBySorting(values);
}

// Day counts and frequencies are small non-negative integers: a lookup table beats sorting 10⁶ values.
const TABLE_LIMIT = 1 << 20;

function smallIntegers(
  values: Float64Array,
): { readonly values: Float64Array; readonly index: Int32Array } | undefined {
  let max = 0;
  for (const v of values) {
    if (!(v >= 0 && v < TABLE_LIMIT && Number.isInteger(v))) return undefined;
    if (v > max) max = v;
  }
  const slot = new Int32Array(max + 1).fill(-1);
  for (const v of values) slot[v] = 0;
  let count = 0;
  for (let v = 0; v <= max; v += 1) if (slot[v] === 0) slot[v] = count++;
  const unique = new Float64Array(count);
  for (let v = 0; v <= max; v += 1) if ((slot[v] as number) >= 0) unique[slot[v] as number] = v;
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i += 1) index[i] = slot[values[i] as number] as number;
  return { values: unique, index };
}

function distinctBySorting(values: Float64Array): {
  readonly values: Float64Array;
  readonly index: Int32Array;
} {
  const sorted = Float64Array.from(values).sort();
  let count = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    if (i === 0 || sorted[i] !== sorted[count - 1]) sorted[count++] = sorted[i] as number;
  }
  const unique = sorted.slice(0, count);
  // Binary search rather than a Map: a million distinct doubles would cost ~100 MB as Map entries.
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((unique[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    index[i] = lo;
  }
  return { values: unique, index };
}

/**
 * Compresses per-customer columns into weighted patterns. `patternOf[i]` is customer i's pattern,
 * so per-pattern predictions can be spread back to customers without recomputing them.
 */
export function compressPatterns(rfm: RfmColumns): PatternSet & { readonly patternOf: Int32Array } {
  const n = rfm.x.length;
  const x = distinct(rfm.x);
  const tx = distinct(rfm.tx);
  const t = distinct(rfm.T);
  // Mixed-radix key of the three indices: exact in a double while the product stays below 2^53.
  const radixTx = tx.values.length;
  const radixT = t.values.length;
  const patternOf = new Int32Array(n);
  // Open addressing on typed arrays: a Map of a million number keys costs several times more.
  let capacity = 1024;
  while (capacity < 2 * n) capacity *= 2;
  const slotKey = new Float64Array(capacity).fill(-1);
  const slotPattern = new Int32Array(capacity);
  // Typed arrays sized for the worst case (every customer distinct), trimmed at the end.
  const weights = new Float64Array(n);
  const xIndex = new Int32Array(n);
  const txIndex = new Int32Array(n);
  const tIndex = new Int32Array(n);
  let size = 0;
  for (let i = 0; i < n; i += 1) {
    const xi = x.index[i] as number;
    const txi = tx.index[i] as number;
    const ti = t.index[i] as number;
    const key = (xi * radixTx + txi) * radixT + ti;
    let slot =
      (Math.imul(xi, 0x9e3779b1) ^ Math.imul(txi, 0x85ebca6b) ^ Math.imul(ti, 0xc2b2ae35)) &
      (capacity - 1);
    while (slotKey[slot] !== key && slotKey[slot] !== -1) slot = (slot + 1) & (capacity - 1);
    let p: number;
    if (slotKey[slot] === key) {
      p = slotPattern[slot] as number;
    } else {
      p = size;
      size += 1;
      slotKey[slot] = key;
      slotPattern[slot] = p;
      xIndex[p] = xi;
      txIndex[p] = txi;
      tIndex[p] = ti;
    }
    weights[p] =
      (weights[p] as number) + (rfm.weight === undefined ? 1 : (rfm.weight[i] as number));
    patternOf[i] = p;
  }
  return {
    size,
    weight: weights.slice(0, size),
    xIndex: xIndex.slice(0, size),
    txIndex: txIndex.slice(0, size),
    tIndex: tIndex.slice(0, size),
    xs: x.values,
    txs: tx.values,
    ts: t.values,
    customers: weights.reduce((sum, w) => sum + w, 0),
    patternOf,
  };
}
