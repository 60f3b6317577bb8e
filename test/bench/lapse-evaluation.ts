import type { CustomerHistory } from '../../shared/core/lapse/customer-history';
import { calendarDay, dayNumber } from '../../shared/core/lapse/day-number';
import { lapseDue } from '../../shared/core/lapse/lapse-due';
import type { LapsePolicy } from '../../shared/core/lapse/lapse-policy';
import { lapseScore } from '../../shared/core/lapse/lapse-score';
import {
  type PurchaseDayColumns,
  type PurchaseLog,
  summarizeLog,
} from '../../shared/core/lapse/purchase-log';
import { fitShopLapseModel, type ShopLapseModel } from '../../shared/core/lapse/shop-lapse-model';

/** Histories of the customers with a purchase in the window, with their index in the log. */
export function historiesOf(
  days: PurchaseDayColumns,
): { readonly customer: number; readonly history: CustomerHistory }[] {
  const out: { customer: number; history: CustomerHistory }[] = [];
  for (let c = 0; c < days.purchaseDays.length; c += 1) {
    const k = days.purchaseDays[c] as number;
    if (k === 0) continue;
    const gap = days.medianGap[c] as number;
    out.push({
      customer: c,
      history: {
        firstPurchaseDay: calendarDay(days.firstDay[c] as number),
        lastPurchaseDay: calendarDay(days.lastDay[c] as number),
        purchaseDays: k,
        medianGapDays: Number.isNaN(gap) ? null : gap,
      },
    });
  }
  return out;
}

/**
 * Area under the ROC curve of `score` for telling the lapsed (no purchase in the outcome window)
 * from the returning: P(a lapsed customer scores higher than a returning one), ties counted half.
 */
export function auc(score: readonly number[], lapsed: readonly boolean[]): number {
  const order = score.map((_, i) => i).sort((i, j) => (score[i] as number) - (score[j] as number));
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (
      end + 1 < order.length &&
      score[order[end + 1] as number] === score[order[start] as number]
    )
      end += 1;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) {
      if (lapsed[order[k] as number]) {
        rankSum += midRank;
        positives += 1;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface PolicyOutcome {
  readonly name: string;
  readonly auc: number;
  /** Flagged by the policy's own due day at the end of the calibration period. */
  readonly flagged: number;
  readonly precision: number;
  readonly recall: number;
  /** The same when the policy flags its K highest scores, K = the fixed window's count. */
  readonly precisionAtK: number;
  readonly recallAtK: number;
}

/** A setting: customers as of `asOf`, whether each bought in the outcome window, and the fit. */
export interface EvaluationSet {
  readonly asOf: string;
  readonly customers: readonly CustomerHistory[];
  readonly lapsed: readonly boolean[];
  readonly shop: ShopLapseModel;
}

/** Splits a log at `asOf`: histories through it, and who bought in the `outcomeDays` after. */
export function evaluationSet(log: PurchaseLog, asOf: string, outcomeDays: number): EvaluationSet {
  const end = dayNumber(asOf);
  const before = summarizeLog(log, { through: end });
  const after = summarizeLog(log, { from: end + 1, through: end + outcomeDays });
  const people = historiesOf(before);
  return {
    asOf,
    customers: people.map((p) => p.history),
    lapsed: people.map((p) => after.purchaseDays[p.customer] === 0),
    shop: fitShopLapseModel(
      people.map((p) => p.history),
      asOf,
    ),
  };
}

/** Scores and due flags of one policy; precision and recall treat "lapsed" as the positive class. */
export function evaluatePolicy(
  name: string,
  policy: LapsePolicy,
  set: EvaluationSet,
  k: number,
): PolicyOutcome {
  const scores = set.customers.map((h) => lapseScore(policy, h, set.shop, set.asOf));
  const flags = set.customers.map((h) => {
    const due = lapseDue(policy, h, set.shop).dueDay;
    return due !== null && due <= set.asOf;
  });
  const lapsedCount = set.lapsed.filter(Boolean).length;
  const hits = (flagged: readonly boolean[]) => flagged.filter((f, i) => f && set.lapsed[i]).length;
  const flaggedCount = flags.filter(Boolean).length;
  // Top K by score; ties broken by position, which is the log's customer order (arbitrary, fixed).
  const topK = new Array<boolean>(scores.length).fill(false);
  scores
    .map((s, i) => [s, i] as const)
    .sort((p, q) => q[0] - p[0] || p[1] - q[1])
    .slice(0, k)
    .forEach(([, i]) => (topK[i] = true));
  return {
    name,
    auc: auc(scores, set.lapsed),
    flagged: flaggedCount,
    precision: flaggedCount === 0 ? Number.NaN : hits(flags) / flaggedCount,
    recall: hits(flags) / lapsedCount,
    precisionAtK: hits(topK) / k,
    recallAtK: hits(topK) / lapsedCount,
  };
}

/** Youden's J (true-positive rate − false-positive rate) of flagging a set as lapsed. */
export function youden(flags: readonly boolean[], lapsed: readonly boolean[]): number {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  lapsed.forEach((l, i) => {
    if (l) positives += 1;
    if (flags[i] && l) tp += 1;
    if (flags[i] && !l) fp += 1;
  });
  return tp / positives - fp / (lapsed.length - positives);
}

/** The candidate with the best Youden's J when each flags the customers due by `set.asOf`. */
export function chooseByYouden<P extends LapsePolicy>(
  candidates: readonly P[],
  set: EvaluationSet,
): { readonly policy: P; readonly j: number } {
  let best: { policy: P; j: number } | undefined;
  for (const policy of candidates) {
    const flags = set.customers.map((h) => {
      const due = lapseDue(policy, h, set.shop).dueDay;
      return due !== null && due <= set.asOf;
    });
    const j = youden(flags, set.lapsed);
    if (best === undefined || j > best.j) best = { policy, j };
  }
  if (best === undefined) throw new Error('no candidates');
  return best;
}
