/**
 * A small L-BFGS minimiser with a strong-Wolfe line search (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., algorithms 7.4, 3.5 and 3.6). Written here rather than taken from npm:
 * the maintained JavaScript packages either lack a quasi-Newton method (fmin, last released
 * 2017, has Nelder–Mead and conjugate gradient) or target least squares (ml-levenberg-marquardt),
 * and this one is about 150 lines with its own tests. Bounds are honoured by treating any point
 * outside the box as infinitely bad, so the line search backs off; a minimum on the boundary is
 * reported as such instead of being returned as if it were an interior optimum.
 */

/** Returns f(x) and writes ∇f(x) into `gradient`. A non-finite f means "outside the domain". */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  /** Converged when the largest |∂f/∂xᵢ| falls below this. */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
  readonly memory?: number;
}

export type LbfgsResult =
  | {
      readonly converged: true;
      readonly x: Float64Array;
      readonly f: number;
      readonly iterations: number;
      readonly evaluations: number;
    }
  | {
      readonly converged: false;
      readonly reason: 'max_iterations' | 'line_search_failed' | 'not_finite_at_start' | 'at_bound';
      readonly x: Float64Array;
      readonly f: number;
      readonly iterations: number;
      readonly evaluations: number;
    };

const C1 = 1e-4;
const C2 = 0.9;

/** Minimises `objective` from `start`; never returns a point it did not evaluate as finite. */
export function minimizeLbfgs(
  objective: Objective,
  start: readonly number[],
  options: LbfgsOptions = {},
): LbfgsResult {
  const n = start.length;
  const lower = options.lower ?? new Array<number>(n).fill(-Infinity);
  const upper = options.upper ?? new Array<number>(n).fill(Infinity);
  const gtol = options.gradientTolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 500;
  const m = options.memory ?? 8;
  let evaluations = 0;
  // Set when a trial point fell outside the box: a line search that then fails is blocked by a bound.
  let hitBound: boolean | undefined;
  const inBox = (x: Float64Array) =>
    x.every((v, i) => v >= (lower[i] as number) && v <= (upper[i] as number));
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    evaluations += 1;
    if (!inBox(x)) {
      hitBound = true;
      return Infinity;
    }
    const f = objective(x, g);
    return Number.isFinite(f) && g.every(Number.isFinite) ? f : Infinity;
  };

  let x: Float64Array = Float64Array.from(start);
  let g: Float64Array = new Float64Array(n);
  let f = evaluate(x, g);
  if (!Number.isFinite(f))
    return { converged: false, reason: 'not_finite_at_start', x, f, iterations: 0, evaluations };
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alpha = new Float64Array(m);

  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    if (maxAbs(g) < gtol) return { converged: true, x, f, iterations: iteration, evaluations };
    // Two-loop recursion: d = −H g.
    d.set(g);
    for (let k = s.length - 1; k >= 0; k -= 1) {
      alpha[k] = (rho[k] as number) * dot(s[k] as Float64Array, d);
      axpy(-(alpha[k] as number), y[k] as Float64Array, d);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      scale(
        d,
        dot(s[last] as Float64Array, y[last] as Float64Array) /
          dot(y[last] as Float64Array, y[last] as Float64Array),
      );
    } else {
      scale(d, 1 / Math.max(1, Math.sqrt(dot(g, g))));
    }
    for (let k = 0; k < s.length; k += 1) {
      const beta = (rho[k] as number) * dot(y[k] as Float64Array, d);
      axpy((alpha[k] as number) - beta, s[k] as Float64Array, d);
    }
    scale(d, -1);
    if (dot(d, g) >= 0) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      d.set(g);
      scale(d, -1 / Math.max(1, Math.sqrt(dot(g, g))));
    }
    hitBound = false;
    const step = strongWolfe(evaluate, x, f, g, d);
    if (step === undefined) {
      const reason = hitBound || touchesBound(x, lower, upper) ? 'at_bound' : 'line_search_failed';
      // A failed search at a point that already satisfies a looser gradient test is still a minimum
      // found to machine precision: the function cannot be decreased any further in floating point.
      if (reason === 'line_search_failed' && maxAbs(g) < gtol * 100) {
        return { converged: true, x, f, iterations: iteration, evaluations };
      }
      return { converged: false, reason, x, f, iterations: iteration, evaluations };
    }
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      sk[i] = (step.x[i] as number) - (x[i] as number);
      yk[i] = (step.g[i] as number) - (g[i] as number);
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    x = step.x;
    g = step.g;
    f = step.f;
  }
  if (maxAbs(g) < gtol) return { converged: true, x, f, iterations: maxIterations, evaluations };
  return {
    converged: false,
    reason: touchesBound(x, lower, upper) ? 'at_bound' : 'max_iterations',
    x,
    f,
    iterations: maxIterations,
    evaluations,
  };
}

interface Point {
  readonly x: Float64Array;
  readonly f: number;
  readonly g: Float64Array;
}

/** Finds a step along d meeting the strong Wolfe conditions, or undefined if none was found. */
function strongWolfe(
  evaluate: (x: Float64Array, g: Float64Array) => number,
  x0: Float64Array,
  f0: number,
  g0: Float64Array,
  d: Float64Array,
): Point | undefined {
  const dg0 = dot(g0, d);
  const at = (t: number): Point & { readonly t: number; readonly dg: number } => {
    const x = Float64Array.from(x0, (v, i) => v + t * (d[i] as number));
    const g = new Float64Array(x0.length);
    const f = evaluate(x, g);
    return { t, x, f, g, dg: Number.isFinite(f) ? dot(g, d) : Number.NaN };
  };
  let previous = { t: 0, x: x0, f: f0, g: g0, dg: dg0 };
  let t = 1;
  for (let i = 0; i < 30; i += 1) {
    const current = at(t);
    if (!Number.isFinite(current.f)) {
      // Outside the domain or the box: shorten the step towards the last good point.
      t = previous.t + (t - previous.t) / 4;
      if (t - previous.t < 1e-14) return undefined;
      continue;
    }
    if (current.f > f0 + C1 * t * dg0 || (i > 0 && current.f >= previous.f))
      return zoom(at, previous, current, f0, dg0);
    if (Math.abs(current.dg) <= -C2 * dg0) return current;
    if (current.dg >= 0) return zoom(at, current, previous, f0, dg0);
    previous = current;
    t *= 2;
  }
  return undefined;
}

function zoom(
  at: (t: number) => Point & { readonly t: number; readonly dg: number },
  lo: Point & { readonly t: number; readonly dg: number },
  hi: Point & { readonly t: number; readonly dg: number },
  f0: number,
  dg0: number,
): Point | undefined {
  for (let i = 0; i < 40; i += 1) {
    // Quadratic interpolation from lo's value and slope, kept inside the middle of the bracket.
    const width = hi.t - lo.t;
    const denom = 2 * (hi.f - lo.f - lo.dg * width);
    let t =
      Number.isFinite(hi.f) && denom > 0
        ? lo.t - (lo.dg * width * width) / denom
        : lo.t + width / 2;
    const margin = 0.1 * Math.abs(width);
    if (!(t > Math.min(lo.t, hi.t) + margin && t < Math.max(lo.t, hi.t) - margin))
      t = lo.t + width / 2;
    if (Math.abs(width) < 1e-14) return undefined;
    const mid = at(t);
    if (!Number.isFinite(mid.f) || mid.f > f0 + C1 * t * dg0 || mid.f >= lo.f) {
      hi = mid;
    } else {
      if (Math.abs(mid.dg) <= -C2 * dg0) return mid;
      if (mid.dg * (hi.t - lo.t) >= 0) hi = lo;
      lo = mid;
    }
  }
  return undefined;
}

function touchesBound(
  x: Float64Array,
  lower: readonly number[],
  upper: readonly number[],
): boolean {
  return x.some((v, i) => v - (lower[i] as number) < 1e-6 || (upper[i] as number) - v < 1e-6);
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i += 1) y[i] = (y[i] as number) + alpha * (x[i] as number);
}

function scale(x: Float64Array, factor: number): void {
  for (let i = 0; i < x.length; i += 1) x[i] = (x[i] as number) * factor;
}

function maxAbs(x: Float64Array): number {
  let max = 0;
  for (const v of x) max = Math.max(max, Math.abs(v));
  return max;
}
