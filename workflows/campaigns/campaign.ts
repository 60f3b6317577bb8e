import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Channel } from '../../shared/core/consent';
import { JobVariables } from '../../shared/core/templates/template-variables';
import { Instant } from '../../shared/core/time-zone';
import { Segment } from './segment';

export const CampaignKind = z.enum(['broadcast', 'promotion']);
export type CampaignKind = z.infer<typeof CampaignKind>;

/**
 * scheduled → fanning_out (send jobs being put on the queue) → queued (every job is on the send
 * queue; the dispatcher does the rest); any of them → cancelled.
 */
export const CampaignStatus = z.enum(['scheduled', 'fanning_out', 'queued', 'cancelled']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** 26 Crockford base-32 characters, like a ULID: derived from the request's idempotency key. */
export const CampaignId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'is not a campaign id');

const TemplateId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'is not a template id');
export const ChannelTemplates = z.strictObject({
  email: TemplateId.optional(),
  sms: TemplateId.optional(),
});

/** The parallel Scan segments a fan-out uses unless a campaign says otherwise. */
export const DEFAULT_SCAN_SEGMENTS = 4;

export const Campaign = z.object({
  id: CampaignId,
  kind: CampaignKind,
  name: z.string(),
  channels: z.array(Channel).min(1),
  /** The marketing template per chosen channel (a broadcast's open-order variants are fixed). */
  templateIds: ChannelTemplates,
  variables: JobVariables,
  /** Promotions only; a broadcast goes to everyone the dispatcher lets through. */
  segment: Segment.optional(),
  /** When the fan-out starts: the creation time for "now". */
  sendAt: z.string(),
  status: CampaignStatus,
  scanSegments: z.number().int().min(1).max(64),
  /** SHA-256 of the request as parsed: the same key with another request is refused. */
  requestHash: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().optional(),
  queuedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  version: z.number().int().min(1),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignPath = z.strictObject({ campaignId: CampaignId });

/** The `Idempotency-Key` header: 1–255 printable ASCII characters. */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x20-\x7e]{1,255}$/, 'must be 1–255 printable ASCII characters');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The campaign id of an idempotency key: the first 130 bits of its SHA-256 in Crockford base 32.
 * The same key always names the same item, so a repeated request lands on it.
 */
export function campaignIdFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey, 'utf8').digest();
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < 26) {
      id += CROCKFORD[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (id.length === 26) break;
  }
  return id;
}

/** A stable hash of a parsed request (keys sorted), to tell a replay from a reused key. */
export function requestHash(request: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, entry]) => entry !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([key, entry]) => [key, canonical(entry)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)))
    .digest('hex');
}

const Channels = z
  .array(Channel)
  .min(1)
  .max(2)
  .refine((channels) => new Set(channels).size === channels.length, 'must not repeat a channel');

const whereToOrder = JobVariables.pick({
  message: true,
  websiteUrl: true,
  hotline: true,
  zaloUrl: true,
  storeAddress: true,
}).shape;

/** `POST /broadcasts`: where to order now, to every customer the dispatcher lets through. */
export const BroadcastRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    channels: Channels.default(['email', 'sms']),
    ...whereToOrder,
  })
  .refine(
    (request) =>
      [request.websiteUrl, request.hotline, request.zaloUrl, request.storeAddress].some(
        (place) => place !== undefined,
      ),
    {
      path: ['websiteUrl'],
      message: 'give at least one place to order: websiteUrl, hotline, zaloUrl or storeAddress',
    },
  );
export type BroadcastRequest = z.infer<typeof BroadcastRequest>;

/** `POST /campaigns`: a promotion to a segment, now or at `sendAt`. */
export const PromotionRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  segment: Segment.default({}),
  channels: Channels,
  /** The owner's templates per channel; `promotion-email` / `promotion-sms` when absent. */
  templateIds: ChannelTemplates.optional(),
  variables: JobVariables.default({}),
  /** Absent: now. More than a minute in the past is refused. */
  sendAt: Instant.optional(),
});
export type PromotionRequest = z.infer<typeof PromotionRequest>;

/** `POST /campaign-estimates`: either request, nothing stored. */
export const EstimateRequest = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('broadcast'), broadcast: BroadcastRequest }),
  z.strictObject({ kind: z.literal('promotion'), promotion: PromotionRequest }),
]);
export type EstimateRequest = z.infer<typeof EstimateRequest>;

/** The messages a campaign leaves with, at the queue's message level. */
export const FanOutMessage = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('start'), campaignId: CampaignId }),
  z.strictObject({
    kind: z.literal('segment'),
    campaignId: CampaignId,
    segment: z.number().int().min(0),
    totalSegments: z.number().int().min(1),
  }),
]);
export type FanOutMessage = z.infer<typeof FanOutMessage>;

/** A page of the campaign list: newest first, `cursor` from the previous page. */
export const CampaignListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
