import { minimizeLbfgs } from './lbfgs';
import { logLikelihood } from './log-likelihood';
import type { FitResult, LapseModelKind, ModelParams } from './model-params';
import type { PatternSet } from './patterns';
import type { TimeUnit } from './rfm-columns';

// Box on the log-parameters: e^±18 spans 1.5e-8 … 6.6e7, far wider than any real shop's values;
// a maximum on this box means the data do not identify the model (e.g. nobody ever dropped out).
const LOG_BOUND = 18;

export interface FitOptions {
  readonly start?: ModelParams;
  readonly maxIterations?: number;
}

/**
 * Maximum-likelihood fit of BG/NBD or MBG/NBD on weighted patterns, optimising the
 * log-parameters with L-BFGS. The objective is the mean log-likelihood per customer, so the
 * gradient tolerance means the same for 2,000 or 1,000,000 customers. A fit that does not reach a
 * stationary point inside the box returns `converged: false` and a reason, never parameters.
 */
export function fitModel(
  model: LapseModelKind,
  data: PatternSet,
  unit: TimeUnit,
  options: FitOptions = {},
): FitResult {
  if (data.customers === 0) {
    return { model, converged: false, reason: 'no_data', detail: 'there are no customers to fit' };
  }
  let repeat = 0;
  for (let i = 0; i < data.size; i += 1)
    if ((data.xs[data.xIndex[i] as number] as number) > 0) repeat += data.weight[i] as number;
  if (repeat === 0) {
    return {
      model,
      converged: false,
      reason: 'no_repeat_buyers',
      detail: 'nobody has bought twice, so purchase rates cannot be estimated',
    };
  }
  const start = options.start ?? defaultStart(data);
  const n = data.customers;
  const result = minimizeLbfgs(
    (theta, gradient) => {
      const value = logLikelihood(model, fromLog(theta), data, gradient);
      for (let i = 0; i < 4; i += 1) gradient[i] = -(gradient[i] as number) / n;
      return -value / n;
    },
    [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)],
    {
      lower: [-LOG_BOUND, -LOG_BOUND, -LOG_BOUND, -LOG_BOUND],
      upper: [LOG_BOUND, LOG_BOUND, LOG_BOUND, LOG_BOUND],
      gradientTolerance: 1e-7,
      maxIterations: options.maxIterations ?? 300,
    },
  );
  const params = fromLog(result.x);
  if (!result.converged) {
    const describe = Object.entries(params)
      .map(([name, value]) => `${name}=${value.toPrecision(4)}`)
      .join(', ');
    return {
      model,
      converged: false,
      reason: result.reason,
      detail: `stopped after ${result.iterations} iterations at ${describe}`,
    };
  }
  return {
    model,
    converged: true,
    unit,
    params,
    logLikelihood: -result.f * n,
    customers: n,
    iterations: result.iterations,
  };
}

function fromLog(theta: Float64Array): ModelParams {
  return {
    r: Math.exp(theta[0] as number),
    alpha: Math.exp(theta[1] as number),
    a: Math.exp(theta[2] as number),
    b: Math.exp(theta[3] as number),
  };
}

/** A start that is scale-aware: α of the order of the mean observation length. */
function defaultStart(data: PatternSet): ModelParams {
  let sumT = 0;
  for (let i = 0; i < data.size; i += 1)
    sumT += (data.weight[i] as number) * (data.ts[data.tIndex[i] as number] as number);
  return { r: 1, alpha: Math.max(sumT / data.customers, 1e-3), a: 1, b: 1 };
}
