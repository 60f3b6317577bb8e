import type { ModelParams } from '../../shared/core/lapse/model-params';
import type { PurchaseLog } from '../../shared/core/lapse/purchase-log';
import type { RfmColumns } from '../../shared/core/lapse/rfm-columns';

/** mulberry32: a tiny seeded 32-bit generator, plenty for simulation; returns uniforms in (0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4_294_967_296;
  };
}

/** Standard normal by Box–Muller. */
function normal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shapes below 1 through Gamma(shape + 1) · U^(1/shape). */
export function gamma(uniform: () => number, shape: number): number {
  if (shape < 1) return gamma(uniform, shape + 1) * Math.pow(uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(uniform);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
      return d * v;
  }
}

/** Beta(a, b) as a ratio of gammas. */
export function beta(uniform: () => number, a: number, b: number): number {
  const x = gamma(uniform, a);
  return x / (x + gamma(uniform, b));
}

export interface SyntheticShop {
  readonly log: PurchaseLog;
  /** The same customers' (x, t_x, T) in exact (continuous) days, before rounding to days. */
  readonly exact: RfmColumns;
  /** Last observed day: customers first buy on days 0 … cohortDays − 1. */
  readonly endDay: number;
}

/**
 * A purchase log drawn from a BG/NBD process (parameters in days): each customer first buys at a
 * uniform moment of the cohort window, then buys at Poisson rate λ ~ Gamma(r, α) and after each
 * repeat purchase leaves for good with probability p ~ Beta(a, b). Purchases are recorded by day.
 */
export function syntheticBgNbdLog(
  customers: number,
  params: ModelParams,
  seed: number,
  cohortDays = 84,
  endDay = 272,
): SyntheticShop {
  const uniform = mulberry32(seed);
  let customer = new Int32Array(customers * 3);
  let day = new Int32Array(customers * 3);
  let rows = 0;
  const push = (c: number, d: number) => {
    if (rows === customer.length) {
      const grow = (old: Int32Array) => {
        const next = new Int32Array(old.length * 2);
        next.set(old);
        return next;
      };
      customer = grow(customer);
      day = grow(day);
    }
    customer[rows] = c;
    day[rows] = d;
    rows += 1;
  };
  const horizon = endDay + 1;
  const exact = {
    x: new Float64Array(customers),
    tx: new Float64Array(customers),
    T: new Float64Array(customers),
  };
  for (let c = 0; c < customers; c += 1) {
    const lambda = gamma(uniform, params.r) / params.alpha;
    const p = beta(uniform, params.a, params.b);
    const first = uniform() * cohortDays;
    let t = first;
    let x = 0;
    let last = first;
    push(c, Math.floor(t));
    for (;;) {
      t += -Math.log(uniform()) / lambda;
      if (t >= horizon) break;
      push(c, Math.floor(t));
      x += 1;
      last = t;
      if (uniform() < p) break;
    }
    exact.x[c] = x;
    exact.tx[c] = last - first;
    exact.T[c] = horizon - first;
  }
  return {
    log: { customers, customer: customer.slice(0, rows), day: day.slice(0, rows) },
    exact,
    endDay,
  };
}
