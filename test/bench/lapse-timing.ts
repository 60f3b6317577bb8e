import { fitModel } from '../../shared/core/lapse/fit-model';
import {
  type FitResult,
  type LapseModelKind,
  paramsInUnit,
} from '../../shared/core/lapse/model-params';
import { compressPatterns } from '../../shared/core/lapse/patterns';
import { type PurchaseLog, rfmColumns, summarizeLog } from '../../shared/core/lapse/purchase-log';
import type { TimeUnit } from '../../shared/core/lapse/rfm-columns';

/** Milliseconds of `task`, after one unmeasured run: the median of `runs` measured runs. */
export function warmMs(task: () => unknown, runs = 5): number {
  task();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    task();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[runs >> 1] as number;
}

export function describeFit(
  fit: FitResult,
  unit: TimeUnit = fit.converged ? fit.unit : 'day',
): string {
  if (!fit.converged) return `NOT CONVERGED (${fit.reason}: ${fit.detail})`;
  const p = paramsInUnit(fit, unit);
  return `r=${p.r.toFixed(4)} alpha=${p.alpha.toFixed(4)}/${unit} a=${p.a.toFixed(4)} b=${p.b.toFixed(4)} LL=${fit.logLikelihood.toFixed(2)} (${fit.iterations} iterations)`;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

export function fitFromLog(model: LapseModelKind, log: PurchaseLog, endDay: number): FitResult {
  const rfm = rfmColumns(summarizeLog(log, { through: endDay }), endDay, 'day');
  return fitModel(model, compressPatterns(rfm), 'day');
}
