import type { Money } from '../money';
import { measureSms, type SmsMeasure } from './sms-encoding';
import { withoutDiacritics } from './without-diacritics';

/** One way of sending a text, and what it costs. */
export interface SmsVariant extends SmsMeasure {
  readonly text: string;
  /** Price per segment × segments; null when the shop has not set a price. */
  readonly cost: Money | null;
}

/** The text as written and without diacritics, side by side, so the owner can choose. */
export interface SmsCostComparison {
  readonly asWritten: SmsVariant;
  readonly withoutDiacritics: SmsVariant;
}

function variant(text: string, pricePerSegment: Money | null): SmsVariant {
  const measure = measureSms(text);
  const cost =
    pricePerSegment === null
      ? null
      : { amount: pricePerSegment.amount * measure.segments, currency: pricePerSegment.currency };
  return { text, ...measure, cost };
}

/**
 * Both renderings of an SMS with their encoding, segment count and cost for one recipient, from
 * the shop's price per segment (integer minor units; null when the owner has not set it).
 */
export function compareSmsCosts(text: string, pricePerSegment: Money | null): SmsCostComparison {
  return {
    asWritten: variant(text, pricePerSegment),
    withoutDiacritics: variant(withoutDiacritics(text), pricePerSegment),
  };
}
