import type { LapseModelKind, ModelParams } from './model-params';
import type { PatternSet } from './patterns';
import { digamma, logGamma } from './special-functions';

/**
 * Where the two models differ, in one place. With β = b + x + shift (shift 0 for BG/NBD, 1 for
 * MBG/NBD) a customer's likelihood is
 *   L = Γ(r+x)α^r / Γ(r) · B(a, β)/B(a, b) · [ (α+T)^−(r+x) + [dropped] · a/(β−1) · (α+t_x)^−(r+x) ],
 * the first term "still alive at T", the second "dropped out right after the last purchase"; BG/NBD
 * has no second term when x = 0 (no repeat purchase, no chance to drop out).
 */
export function betaShift(model: LapseModelKind): number {
  return model === 'mbg_nbd' ? 1 : 0;
}

/** Whether the "dropped out after the last purchase" term exists for this frequency. */
export function canHaveDropped(model: LapseModelKind, x: number): boolean {
  return model === 'mbg_nbd' || x > 0;
}

interface Workspace {
  readonly logT: Float64Array;
  readonly invT: Float64Array;
  readonly logTx: Float64Array;
  readonly invTx: Float64Array;
}

// Per-value scratch arrays, reused across the optimiser's evaluations of one data set: with
// exact (continuous) times there is one value per customer, and reallocating them per evaluation
// turned a million-customer fit into hundreds of megabytes of garbage.
const workspaces = new WeakMap<PatternSet, Workspace>();

function workspaceFor(data: PatternSet): Workspace {
  let workspace = workspaces.get(data);
  if (workspace === undefined) {
    workspace = {
      logT: new Float64Array(data.ts.length),
      invT: new Float64Array(data.ts.length),
      logTx: new Float64Array(data.txs.length),
      invTx: new Float64Array(data.txs.length),
    };
    workspaces.set(data, workspace);
  }
  return workspace;
}

/**
 * Log-likelihood of the patterns and its gradient with respect to (ln r, ln α, ln a, ln b), the
 * coordinates the optimiser works in. Everything is in log space (log-sum-exp of the two terms),
 * so large x or T near 0 cannot overflow; terms of x alone are computed once per distinct x, logs
 * of α + T and α + t_x once per distinct value.
 */
export function logLikelihood(
  model: LapseModelKind,
  params: ModelParams,
  data: PatternSet,
  gradient?: Float64Array,
): number {
  const { r, alpha, a, b } = params;
  const shift = betaShift(model);
  const nx = data.xs.length;
  // Per distinct x: the constant part K, the drop-out offset D = ln a − ln(β−1), and dK/d·.
  const K = new Float64Array(nx);
  const D = new Float64Array(nx);
  const dKr = new Float64Array(nx);
  const dKa = new Float64Array(nx);
  const dKb = new Float64Array(nx);
  const dDb = new Float64Array(nx);
  const common = -logGamma(r) + r * Math.log(alpha) - logGamma(b) + logGamma(a + b);
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  for (let k = 0; k < nx; k += 1) {
    const x = data.xs[k] as number;
    const beta = b + x + shift;
    K[k] = common + logGamma(r + x) + logGamma(beta) - logGamma(a + beta);
    D[k] = canHaveDropped(model, x) ? Math.log(a) - Math.log(beta - 1) : -Infinity;
    if (gradient) {
      const psiAbeta = digamma(a + beta);
      dKr[k] = digamma(r + x) - psiR + Math.log(alpha);
      dKa[k] = psiAB - psiAbeta;
      dKb[k] = digamma(beta) - psiAbeta - psiB + psiAB;
      dDb[k] = canHaveDropped(model, x) ? -1 / (beta - 1) : 0;
    }
  }
  const { logT, invT, logTx, invTx } = workspaceFor(data);
  for (let j = 0; j < data.ts.length; j += 1) {
    logT[j] = Math.log(alpha + (data.ts[j] as number));
    invT[j] = 1 / (alpha + (data.ts[j] as number));
  }
  for (let j = 0; j < data.txs.length; j += 1) {
    logTx[j] = Math.log(alpha + (data.txs[j] as number));
    invTx[j] = 1 / (alpha + (data.txs[j] as number));
  }

  let total = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const { weight, xIndex, txIndex, tIndex, size } = data;
  for (let i = 0; i < size; i += 1) {
    const w = weight[i] as number;
    const k = xIndex[i] as number;
    const rho = r + (data.xs[k] as number);
    const lT = logT[tIndex[i] as number] as number;
    const lTx = logTx[txIndex[i] as number] as number;
    const alive = -rho * lT;
    const dropped = (D[k] as number) - rho * lTx;
    // log(e^alive + e^dropped) and the share of each term, without overflow.
    let logSum: number;
    let shareDropped: number;
    if (dropped === -Infinity) {
      logSum = alive;
      shareDropped = 0;
    } else if (alive >= dropped) {
      const e = Math.exp(dropped - alive);
      logSum = alive + Math.log1p(e);
      shareDropped = e / (1 + e);
    } else {
      const e = Math.exp(alive - dropped);
      logSum = dropped + Math.log1p(e);
      shareDropped = 1 / (1 + e);
    }
    total += w * ((K[k] as number) + logSum);
    if (gradient) {
      const shareAlive = 1 - shareDropped;
      gr += w * ((dKr[k] as number) - shareAlive * lT - shareDropped * lTx);
      gAlpha +=
        w *
        (r / alpha -
          rho *
            (shareAlive * (invT[tIndex[i] as number] as number) +
              shareDropped * (invTx[txIndex[i] as number] as number)));
      ga += w * ((dKa[k] as number) + shareDropped / a);
      gb += w * ((dKb[k] as number) + shareDropped * (dDb[k] as number));
    }
  }
  if (gradient) {
    // Chain rule to log-parameters: ∂/∂ln θ = θ ∂/∂θ.
    gradient[0] = gr * r;
    gradient[1] = gAlpha * alpha;
    gradient[2] = ga * a;
    gradient[3] = gb * b;
  }
  return total;
}
