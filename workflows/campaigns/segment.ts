import { z } from 'zod';
import { CustomerConsent } from '../../shared/core/consent';
import { CustomerId } from '../../shared/core/customer-id';
import { CustomerSource, Tag } from '../../shared/core/customer';
import { ChannelSuppression } from '../../shared/core/messaging/suppression';
import { Money } from '../../shared/core/money';
import { Locale } from '../../shared/core/settings';
import { CalendarDay } from '../../shared/core/time-zone';

/**
 * What a campaign reads of a profile: enough to match a segment, pick the channels and estimate
 * the audience, and nothing else, so the fan-out's Scan can project just these attributes.
 */
export const AudienceProfile = z.object({
  id: CustomerId,
  phone: z.string().optional(),
  email: z.string().optional(),
  locale: Locale,
  name: z.string().optional(),
  tags: z.array(z.string()),
  source: CustomerSource,
  aggregates: z.object({
    orderCount: z.number().int().min(0),
    totalSpent: Money,
    lastPurchaseDay: CalendarDay.nullable(),
    lastOrderAt: z.string().nullable(),
  }),
  lapse: z.object({ dueDay: CalendarDay.nullable() }).nullable().default(null),
  consent: CustomerConsent,
  suppression: ChannelSuppression.default({}),
});
export type AudienceProfile = z.infer<typeof AudienceProfile>;

/** The attributes of a profile item that AudienceProfile reads (the Scan's projection). */
export const AUDIENCE_ATTRIBUTES = [
  'id',
  'phone',
  'email',
  'locale',
  'name',
  'tags',
  'source',
  'aggregates',
  'lapse',
  'consent',
  'suppression',
] as const;

/** Where a customer stands on win-back today: see shared/core/lapse-view.ts. */
export const LapseState = z.enum(['due', 'not_due', 'never_bought']);
export type LapseState = z.infer<typeof LapseState>;

function range<T extends z.ZodType<number | string>>(value: T, field: string) {
  return z
    .strictObject({ min: value.optional(), max: value.optional() })
    .refine(
      (bounds) => bounds.min === undefined || bounds.max === undefined || bounds.min <= bounds.max,
      { path: ['max'], message: `must not be below ${field}.min` },
    );
}

const Count = z.number().int().min(0);

/**
 * Who a promotion goes to. Every criterion given must hold (AND); a criterion left out matches
 * everyone. Amounts are minor units of the shop's currency; days are the shop's calendar days.
 */
export const Segment = z.strictObject({
  tags: z
    .strictObject({
      /** The customer has every one of these tags. */
      all: z.array(Tag).max(20).optional(),
      /** The customer has at least one of these tags. */
      any: z.array(Tag).min(1).max(20).optional(),
    })
    .optional(),
  orderCount: range(Count, 'orderCount').optional(),
  totalSpent: range(Count, 'totalSpent').optional(),
  lastOrderDay: z
    .strictObject({ from: CalendarDay.optional(), to: CalendarDay.optional() })
    .refine((days) => days.from === undefined || days.to === undefined || days.from <= days.to, {
      path: ['to'],
      message: 'must not be before lastOrderDay.from',
    })
    .optional(),
  /** Any of these win-back states. */
  lapse: z.array(LapseState).min(1).optional(),
  locales: z.array(Locale).min(1).optional(),
  sources: z.array(CustomerSource).min(1).optional(),
});
export type Segment = z.infer<typeof Segment>;

/** The customer's win-back state on `today`, from the due day the profile keeps. */
export function lapseState(profile: Pick<AudienceProfile, 'lapse'>, today: string): LapseState {
  if (profile.lapse === null) return 'never_bought';
  const { dueDay } = profile.lapse;
  return dueDay !== null && dueDay <= today ? 'due' : 'not_due';
}

const within = (value: number, bounds: { min?: number; max?: number } | undefined) =>
  bounds === undefined ||
  ((bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max));

/** Whether a customer belongs to a segment on `today` (the shop's calendar day). */
export function matchesSegment(profile: AudienceProfile, segment: Segment, today: string): boolean {
  const tags = new Set(profile.tags);
  if (segment.tags?.all?.some((tag) => !tags.has(tag))) return false;
  if (segment.tags?.any !== undefined && !segment.tags.any.some((tag) => tags.has(tag)))
    return false;
  if (!within(profile.aggregates.orderCount, segment.orderCount)) return false;
  if (!within(profile.aggregates.totalSpent.amount, segment.totalSpent)) return false;
  if (segment.lastOrderDay !== undefined) {
    const day = profile.aggregates.lastPurchaseDay;
    if (day === null) return false;
    const { from, to } = segment.lastOrderDay;
    if ((from !== undefined && day < from) || (to !== undefined && day > to)) return false;
  }
  if (segment.lapse !== undefined && !segment.lapse.includes(lapseState(profile, today)))
    return false;
  if (segment.locales !== undefined && !segment.locales.includes(profile.locale)) return false;
  if (segment.sources !== undefined && !segment.sources.includes(profile.source)) return false;
  return true;
}
