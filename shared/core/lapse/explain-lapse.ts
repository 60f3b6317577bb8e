import type { Locale } from '../settings';
import type { CalendarDay } from '../time-zone';
import type { CustomerHistory } from './customer-history';
import { dayNumber } from './day-number';
import type { LapseAssessment } from './lapse-assessment';

interface Phrases {
  usualGap(days: number): string;
  onceOnly(shopGap: number | null): string;
  lastOrder(daysAgo: number): string;
  window(days: number, source: 'own' | 'shop' | 'rule'): string;
  alive(percent: string): string;
  purchase(percent: string, horizon: number): string;
  dueSince(day: string): string;
  dueOn(day: string): string;
  neverDue: string;
  /** The chosen rule could not decide yet (no fitted model, or no gap to go by). */
  fallback(basis: 'rhythm' | 'window'): string;
  date(day: CalendarDay, asOf: CalendarDay): string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const en: Phrases = {
  usualGap: (days) => `usually orders every ~${days} days`,
  onceOnly: (shopGap) =>
    shopGap === null
      ? 'has ordered once'
      : `has ordered once (this shop's customers usually reorder every ~${shopGap} days)`,
  lastOrder: (d) =>
    d === 0 ? 'last order today' : d === 1 ? 'last order yesterday' : `last order ${d} days ago`,
  window: (days, source) =>
    source === 'rule'
      ? `due after ${days} days without an order`
      : `due after ~${days} days without an order`,
  alive: (percent) => `${percent} chance still active`,
  purchase: (percent, horizon) => `${percent} chance of ordering in the next ${horizon} days`,
  dueSince: (day) => `due since ${day}`,
  dueOn: (day) => `due on ${day}`,
  neverDue: 'no sign of lapsing',
  fallback: (basis) =>
    basis === 'rhythm'
      ? "the shop's model is not fitted yet, so this follows the buying rhythm"
      : 'no buying rhythm to go by yet, so this follows the fixed window',
  date: (day, asOf) => {
    const [year, month, date] = day.split('-');
    const sameYear = year === asOf.slice(0, 4);
    return `${Number(date)} ${MONTHS[Number(month) - 1]}${sameYear ? '' : ` ${year}`}`;
  },
};

const vi: Phrases = {
  usualGap: (days) => `thường mua cách nhau ~${days} ngày`,
  onceOnly: (shopGap) =>
    shopGap === null
      ? 'mới mua 1 lần'
      : `mới mua 1 lần (khách của shop thường mua lại sau ~${shopGap} ngày)`,
  lastOrder: (d) =>
    d === 0
      ? 'lần mua gần nhất: hôm nay'
      : d === 1
        ? 'lần mua gần nhất: hôm qua'
        : `lần mua gần nhất cách đây ${d} ngày`,
  window: (days, source) =>
    source === 'rule'
      ? `đến hạn sau ${days} ngày không mua`
      : `đến hạn sau ~${days} ngày không mua`,
  alive: (percent) => `khả năng còn mua: ${percent}`,
  purchase: (percent, horizon) => `khả năng mua trong ${horizon} ngày tới: ${percent}`,
  dueSince: (day) => `đến hạn từ ${day}`,
  dueOn: (day) => `đến hạn vào ${day}`,
  neverDue: 'chưa có dấu hiệu bỏ shop',
  fallback: (basis) =>
    basis === 'rhythm'
      ? 'mô hình của shop chưa được tính, nên tạm theo nhịp mua'
      : 'chưa có nhịp mua để dựa vào, nên tạm theo số ngày cố định',
  date: (day, asOf) => {
    const [year, month, date] = day.split('-');
    const sameYear = year === asOf.slice(0, 4);
    return `${Number(date)}/${Number(month)}${sameYear ? '' : `/${year}`}`;
  },
};

const PHRASES: Readonly<Record<Locale, Phrases>> = { en, vi };

/** A percentage an owner can read: never "0%" for a small chance or "100%" for a large one. */
function percent(p: number): string {
  const rounded = Math.round(p * 100);
  if (rounded === 0 && p > 0) return '<1%';
  if (rounded === 100 && p < 1) return '>99%';
  return `${rounded}%`;
}

/**
 * One sentence saying why the customer is (or is not yet) due, e.g. "Usually orders every ~21
 * days; last order 45 days ago; 18% chance still active; due since 3 Nov." A pure function of the
 * assessment, the history and the day it is read on, so the API can render it in either locale.
 */
export function explainLapse(
  assessment: LapseAssessment,
  history: CustomerHistory,
  asOf: CalendarDay,
  locale: Locale,
): string {
  const say = PHRASES[locale];
  const parts: string[] = [];
  const gap = assessment.usualGapDays === null ? null : Math.round(assessment.usualGapDays);
  parts.push(history.purchaseDays >= 2 && gap !== null ? say.usualGap(gap) : say.onceOnly(gap));
  parts.push(say.lastOrder(Math.max(0, dayNumber(asOf) - dayNumber(history.lastPurchaseDay))));
  if (assessment.windowDays !== null) {
    parts.push(
      say.window(assessment.windowDays, assessment.basis === 'fixed_window' ? 'rule' : 'own'),
    );
  }
  if (assessment.pAlive !== null) parts.push(say.alive(percent(assessment.pAlive)));
  if (assessment.pPurchase !== null && assessment.horizonDays !== null) {
    parts.push(say.purchase(percent(assessment.pPurchase), assessment.horizonDays));
  }
  const fellBack =
    (isModel(assessment.policy) && !isModel(assessment.basis)) ||
    (assessment.policy === 'own_cadence' && assessment.basis === 'fixed_window');
  if (fellBack) parts.push(say.fallback(assessment.basis === 'fixed_window' ? 'window' : 'rhythm'));
  if (assessment.dueDay === null) parts.push(say.neverDue);
  else if (assessment.dueDay <= asOf) parts.push(say.dueSince(say.date(assessment.dueDay, asOf)));
  else parts.push(say.dueOn(say.date(assessment.dueDay, asOf)));
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function isModel(kind: string): boolean {
  return kind === 'bg_nbd' || kind === 'mbg_nbd';
}
