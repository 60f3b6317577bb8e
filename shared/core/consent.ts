import { z } from 'zod';

export const Channel = z.enum(['email', 'sms']);
export type Channel = z.infer<typeof Channel>;

export const Purpose = z.enum(['marketing', 'transactional']);
export type Purpose = z.infer<typeof Purpose>;

export const ConsentAction = z.enum(['granted', 'withdrawn']);
export type ConsentAction = z.infer<typeof ConsentAction>;

/** How the consent reached the shop: the provable "how" of a consent record. */
export const ConsentSource = z.enum([
  'signup_form',
  'checkout',
  'owner',
  'import',
  'unsubscribe_link',
  'hotline',
  'erasure',
]);
export type ConsentSource = z.infer<typeof ConsentSource>;

/** What the owner (or a form) reports: one grant or withdrawal for one channel and purpose. */
export const ConsentEventInput = z
  .strictObject({
    channel: Channel,
    purpose: Purpose,
    action: ConsentAction,
    source: ConsentSource.exclude(['erasure']),
    /** The version of the terms the person agreed to; required for a grant (provable consent). */
    termsVersion: z.string().min(1).max(64).optional(),
    /** SHA-256 (hex) of the exact terms text shown. */
    termsTextSha256: z
      .string()
      .regex(/^[a-f0-9]{64}$/, 'must be a lower-case hex SHA-256')
      .optional(),
    ip: z.union([z.ipv4(), z.ipv6()]).optional(),
    userAgent: z.string().max(512).optional(),
  })
  .refine((event) => event.action === 'withdrawn' || event.termsVersion !== undefined, {
    path: ['termsVersion'],
    message: 'is required when consent is granted, so the grant can be proven later',
  });
export type ConsentEventInput = z.infer<typeof ConsentEventInput>;

export const ConsentEvent = z.object({
  eventId: z.string(),
  customerId: z.string(),
  channel: Channel,
  purpose: Purpose,
  action: ConsentAction,
  source: ConsentSource,
  termsVersion: z.string().optional(),
  termsTextSha256: z.string().optional(),
  ip: z.string().optional(),
  userAgent: z.string().optional(),
  at: z.string(),
});
export type ConsentEvent = z.infer<typeof ConsentEvent>;

export const ConsentState = z.object({
  status: z.enum(['granted', 'withdrawn']),
  at: z.string(),
  source: ConsentSource,
});
export type ConsentState = z.infer<typeof ConsentState>;

/** Current consent per purpose for one channel (or one address); absent means never asked. */
export const PurposeConsent = z.object({
  marketing: ConsentState.optional(),
  transactional: ConsentState.optional(),
});
export type PurposeConsent = z.infer<typeof PurposeConsent>;

export const CustomerConsent = z.object({ email: PurposeConsent, sms: PurposeConsent });
export type CustomerConsent = z.infer<typeof CustomerConsent>;

export const noConsent: CustomerConsent = { email: {}, sms: {} };

/**
 * The state after one more event. The latest event wins, so a withdrawal is honoured at once and a
 * late-arriving older event changes nothing. One exception: a grant the shop imported (a platform
 * export, not the person's own act) never lifts a withdrawal, so re-importing an old list cannot
 * undo an opt-out or an erasure.
 */
export function nextConsentState(
  current: ConsentState | undefined,
  event: Pick<ConsentEvent, 'action' | 'at' | 'source'>,
): ConsentState | undefined {
  const next: ConsentState = { status: event.action, at: event.at, source: event.source };
  // An imported grant is the shop's claim, not the person's act: it never outranks a withdrawal,
  // whichever arrives first and whatever times they carry.
  if (
    event.action === 'withdrawn' &&
    current?.status === 'granted' &&
    current.source === 'import'
  ) {
    return current.at > event.at ? { ...next, at: current.at } : next;
  }
  if (current !== undefined && current.at > event.at) return current;
  if (event.action === 'granted' && current?.status === 'withdrawn' && event.source === 'import') {
    return current;
  }
  return next;
}

export function applyConsentEvent(consent: PurposeConsent, event: ConsentEvent): PurposeConsent {
  return { ...consent, [event.purpose]: nextConsentState(consent[event.purpose], event) };
}

/** The stricter of two states, so a new profile inherits an address's standing withdrawal. */
export function mergePurposeConsent(
  profile: PurposeConsent,
  address: PurposeConsent,
): PurposeConsent {
  const merged: PurposeConsent = { ...profile };
  for (const purpose of Purpose.options) {
    const fromAddress = address[purpose];
    if (fromAddress?.status === 'withdrawn') merged[purpose] = fromAddress;
  }
  return merged;
}
