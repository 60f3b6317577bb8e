import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { predictBatch } from '../../shared/core/lapse/batch-predictions';
import { dayNumber } from '../../shared/core/lapse/day-number';
import { fitModel } from '../../shared/core/lapse/fit-model';
import {
  defaultLapsePolicy,
  defaultPolicies,
  type LapsePolicy,
} from '../../shared/core/lapse/lapse-policy';
import type { LapseModelKind } from '../../shared/core/lapse/model-params';
import { compressPatterns } from '../../shared/core/lapse/patterns';
import { type PurchaseLog, rfmColumns, summarizeLog } from '../../shared/core/lapse/purchase-log';
import { CALIBRATION_END, cdnowMasterLog, cdnowSummary, HOLDOUT_END } from '../helpers/cdnow';
import {
  auc,
  chooseByYouden,
  evaluatePolicy,
  evaluationSet,
  type EvaluationSet,
} from './lapse-evaluation';
import { describeFit, fitFromLog, ms, pct, warmMs } from './lapse-timing';
import { peakRssMiB } from './measure';

function benchCdnowFits(master: PurchaseLog): void {
  const rows = cdnowSummary();
  const summary = compressPatterns({
    x: Float64Array.from(rows, (row) => row.frequency),
    tx: Float64Array.from(rows, (row) => row.recency),
    T: Float64Array.from(rows, (row) => row.T),
  });
  console.log('\n== Fits on CDNOW (warm, median of 5) ==');
  for (const model of ['bg_nbd', 'mbg_nbd'] as const) {
    const time = warmMs(() => fitModel(model, summary, 'week'));
    console.log(
      `summary, 2,357 customers (${summary.size} patterns), ${model}: ${ms(time)}  ${describeFit(fitModel(model, summary, 'week'))}`,
    );
  }
  const end = dayNumber(CALIBRATION_END);
  const masterPatterns = compressPatterns(
    rfmColumns(summarizeLog(master, { through: end }), end, 'day'),
  );
  for (const model of ['bg_nbd', 'mbg_nbd'] as const) {
    const fitTime = warmMs(() => fitModel(model, masterPatterns, 'day'));
    const bothTime = warmMs(() => fitFromLog(model, master, end));
    const fit = fitModel(model, masterPatterns, 'day');
    console.log(
      `master, 23,570 customers (${masterPatterns.size} patterns), ${model}: fit ${ms(fitTime)}, summarised + fitted ${ms(bothTime)}  ${describeFit(fit, 'week')}`,
    );
  }
}

/**
 * The synthetic million runs in a child process, so that its peak RSS is that of loading,
 * summarising, fitting and scoring a million customers, not of everything else this bench holds.
 */
function benchSynthetic(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./lapse-million.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`lapse-million exited with ${code}`)),
    );
  });
}

/** Predicted vs actual repeat purchase days in weeks 40–78, in total and by calibration frequency. */
function holdoutCounts(master: PurchaseLog): void {
  const end = dayNumber(CALIBRATION_END);
  const holdoutDays = dayNumber(HOLDOUT_END) - end;
  const rfm = rfmColumns(summarizeLog(master, { through: end }), end, 'day');
  const after = summarizeLog(master, { from: end + 1, through: end + holdoutDays });
  const actual = Array.from(rfm.customer, (c) => after.purchaseDays[c] as number);
  console.log(
    `\n== Holdout: repeat purchase days in weeks 40–78 (${holdoutDays} days), master, fit on weeks 1–39 ==`,
  );
  const predict = (model: LapseModelKind): Float64Array => {
    const fit = fitModel(model, compressPatterns(rfm), 'day');
    if (!fit.converged) throw new Error(`${model} did not converge`);
    return predictBatch(model, fit.params, rfm, holdoutDays).expected;
  };
  const predicted = { bg_nbd: predict('bg_nbd'), mbg_nbd: predict('mbg_nbd') };
  const sum = (values: ArrayLike<number>, keep: (i: number) => boolean) => {
    let total = 0;
    for (let i = 0; i < values.length; i += 1) if (keep(i)) total += values[i] as number;
    return total;
  };
  console.log('x (weeks 1–39) | customers | actual mean | BG/NBD mean | MBG/NBD mean');
  for (let x = 0; x <= 7; x += 1) {
    const keep = (i: number) => (x === 7 ? (rfm.x[i] as number) >= 7 : rfm.x[i] === x);
    const n = sum(
      Float64Array.from(rfm.x, () => 1),
      keep,
    );
    const row = [
      x === 7 ? '7+' : String(x),
      String(n),
      (sum(actual, keep) / n).toFixed(3),
      (sum(predicted.bg_nbd, keep) / n).toFixed(3),
      (sum(predicted.mbg_nbd, keep) / n).toFixed(3),
    ];
    console.log(row.join(' | '));
  }
  const all = () => true;
  console.log(
    `total | ${rfm.x.length} | ${sum(actual, all)} | ${sum(predicted.bg_nbd, all).toFixed(0)} | ${sum(predicted.mbg_nbd, all).toFixed(0)}`,
  );
}

/**
 * Chooses thresholds on calibration data only: fit on weeks 1–26, judge by who bought in weeks
 * 27–39. Within each family the threshold (or factor) with the best Youden's J wins; the default
 * model and criterion are the family with the best AUC here. Weeks 40–78 are not looked at.
 */
function calibrate(inner: EvaluationSet): Record<string, LapsePolicy> {
  console.log(
    '\n== Calibration on weeks 1–39 only: fit on weeks 1–26, outcome = no purchase in weeks 27–39 ==',
  );
  const grid = (base: LapsePolicy & { threshold: number }, thresholds: readonly number[]) =>
    thresholds.map((threshold) => ({ ...base, threshold }));
  const probabilities = [
    0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
  ];
  const families: Record<string, readonly LapsePolicy[]> = {
    'own cadence': [1, 1.5, 2, 2.5, 3, 4, 5, 6].map((factor) => ({
      ...defaultPolicies.own_cadence,
      factor,
    })),
    'BG/NBD p_purchase(60d)': grid(defaultPolicies.bg_nbd, probabilities),
    'BG/NBD p_alive': grid({ ...defaultPolicies.bg_nbd, criterion: 'p_alive' }, probabilities),
    'MBG/NBD p_purchase(60d)': grid(defaultPolicies.mbg_nbd, probabilities),
    'MBG/NBD p_alive': grid({ ...defaultPolicies.mbg_nbd, criterion: 'p_alive' }, probabilities),
    'MBG/NBD expected(60d)': grid(
      { ...defaultPolicies.mbg_nbd, criterion: 'expected_purchases' },
      [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5],
    ),
  };
  const chosen: Record<string, LapsePolicy> = {
    'fixed window 60 days': defaultPolicies.fixed_window,
  };
  const k = inner.customers.filter((h) => h.lastPurchaseDay <= '1997-05-02').length;
  console.log(`fixed window 60 days flags ${k} of ${inner.customers.length} at the end of week 26`);
  console.log('family | AUC (weeks 27–39) | best setting by Youden J | J');
  for (const [name, candidates] of Object.entries(families)) {
    const best = chooseByYouden(candidates, inner);
    const first = candidates[0] as LapsePolicy;
    const result = evaluatePolicy(name, first, inner, k);
    const setting =
      best.policy.kind === 'own_cadence'
        ? `factor ${best.policy.factor}`
        : best.policy.kind === 'fixed_window'
          ? ''
          : `threshold ${best.policy.threshold}`;
    console.log(`${name} | ${result.auc.toFixed(4)} | ${setting} | ${best.j.toFixed(4)}`);
    chosen[name] = best.policy;
  }
  const fixed = evaluatePolicy('fixed', defaultPolicies.fixed_window, inner, k);
  console.log(`fixed window 60 days | ${fixed.auc.toFixed(4)} | — | —`);
  return chosen;
}

function holdoutRanking(master: PurchaseLog, chosen: Record<string, LapsePolicy>): void {
  const set = evaluationSet(
    master,
    CALIBRATION_END,
    dayNumber(HOLDOUT_END) - dayNumber(CALIBRATION_END),
  );
  const fixedFlags = set.customers.filter(
    (h) => dayNumber(h.lastPurchaseDay) + 60 <= dayNumber(CALIBRATION_END),
  ).length;
  const lapsed = set.lapsed.filter(Boolean).length;
  console.log(
    `\n== Holdout ranking: score at the end of week 39, outcome = no purchase in weeks 40–78 ==`,
  );
  console.log(
    `${set.customers.length} customers, ${lapsed} (${pct(lapsed / set.customers.length)}) did not buy again; K = ${fixedFlags} flagged by the fixed window`,
  );
  console.log(
    'policy (chosen on weeks 1–39) | AUC | own flags | precision | recall | precision@K | recall@K',
  );
  const results = Object.entries(chosen).map(([name, policy]) => {
    const label =
      name +
      (policy === defaultLapsePolicy ||
      JSON.stringify(policy) === JSON.stringify(defaultLapsePolicy)
        ? ' (default)'
        : '');
    return evaluatePolicy(label, policy, set, fixedFlags);
  });
  for (const r of results) {
    console.log(
      [
        r.name,
        r.auc.toFixed(4),
        r.flagged,
        pct(r.precision),
        pct(r.recall),
        pct(r.precisionAtK),
        pct(r.recallAtK),
      ].join(' | '),
    );
  }
  // Recency alone, for reference: the fixed window's ranking is exactly days since the last order.
  const recency = set.customers.map(
    (h) => dayNumber(CALIBRATION_END) - dayNumber(h.lastPurchaseDay),
  );
  console.log(`(days since last order alone: AUC ${auc(recency, set.lapsed).toFixed(4)})`);
}

/** `npm run bench lapse`: fit times and parameters, the synthetic million, and the holdout table. */
export async function benchLapse(): Promise<void> {
  const master = cdnowMasterLog();
  benchCdnowFits(master);
  await benchSynthetic();
  holdoutCounts(master);
  const chosen = calibrate(evaluationSet(master, '1997-07-01', 91));
  holdoutRanking(master, chosen);
  console.log(`\npeak RSS: ${peakRssMiB().toFixed(0)} MiB`);
}
