import { TZDate } from '@date-fns/tz';
import { InvalidInputError } from '../../shared/core/errors';
import { previewMessage } from '../../shared/core/messaging/preview-message';
import type { Clock, JobQueue } from '../../shared/core/ports';
import type { Locale, ShopSettings } from '../../shared/core/settings';
import type { MessageTemplate } from '../../shared/core/templates/message-template';
import {
  campaignIdFor,
  DEFAULT_SCAN_SEGMENTS,
  requestHash,
  type BroadcastRequest,
  type Campaign,
  type FanOutMessage,
  type PromotionRequest,
} from './campaign';
import { templateFor } from './campaign-jobs';
import { IdempotencyKeyReusedError } from './errors';
import type { CampaignScheduler, CampaignStore } from './ports';

export interface CreateCampaignDeps {
  readonly campaigns: CampaignStore;
  readonly fanOut: JobQueue<FanOutMessage>;
  readonly scheduler: CampaignScheduler;
  readonly templates: (templateId: string) => MessageTemplate | undefined;
  readonly settings: ShopSettings;
  readonly clock: Clock;
}

export type CampaignRequest =
  | { readonly kind: 'broadcast'; readonly request: BroadcastRequest }
  | { readonly kind: 'promotion'; readonly request: PromotionRequest };

/** How far in the past `sendAt` may be (a clock a little behind) and still mean "now". */
const SEND_AT_TOLERANCE_MS = 60_000;

/**
 * A sendAt less than this ahead means "now": a one-time schedule fires on a whole minute, so one
 * this close could not fire on time anyway (the fan-out holds an early start back until sendAt).
 */
export const SCHEDULE_LEAD_MS = 60_000;

/**
 * The campaign a request describes, not yet stored: its id comes from the idempotency key, its
 * templates are checked to exist, fit the channel and render with the given values.
 */
export function campaignFromRequest(
  deps: Pick<CreateCampaignDeps, 'templates' | 'settings'>,
  idempotencyKey: string,
  input: CampaignRequest,
  now: string,
): Campaign {
  const { kind, request } = input;
  const sendAt = kind === 'promotion' ? request.sendAt : undefined;
  if (sendAt !== undefined && Date.parse(sendAt) < Date.parse(now) - SEND_AT_TOLERANCE_MS) {
    throw InvalidInputError.forField('sendAt', 'is in the past; leave it out to send now');
  }
  const campaign: Campaign = {
    id: campaignIdFor(idempotencyKey),
    kind,
    name: request.name ?? defaultBroadcastName(now, deps.settings),
    channels: request.channels,
    templateIds: kind === 'promotion' ? (request.templateIds ?? {}) : {},
    variables:
      kind === 'promotion'
        ? request.variables
        : {
            ...(request.message === undefined ? {} : { message: request.message }),
            ...(request.websiteUrl === undefined ? {} : { websiteUrl: request.websiteUrl }),
            ...(request.hotline === undefined ? {} : { hotline: request.hotline }),
            ...(request.zaloUrl === undefined ? {} : { zaloUrl: request.zaloUrl }),
            ...(request.storeAddress === undefined ? {} : { storeAddress: request.storeAddress }),
          },
    ...(kind === 'promotion' ? { segment: request.segment } : {}),
    sendAt:
      sendAt !== undefined && Date.parse(sendAt) - Date.parse(now) >= SCHEDULE_LEAD_MS
        ? sendAt
        : now,
    status: 'scheduled',
    scanSegments: DEFAULT_SCAN_SEGMENTS,
    requestHash: requestHash(input),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  checkTemplates(deps, campaign);
  return campaign;
}

/** Each chosen channel's template exists, is that channel's and marketing, and renders. */
function checkTemplates(
  deps: Pick<CreateCampaignDeps, 'templates' | 'settings'>,
  campaign: Campaign,
): void {
  for (const channel of campaign.channels) {
    const templateId = templateFor(campaign, channel);
    const field = `templateIds.${channel}`;
    const template = deps.templates(templateId);
    if (template === undefined) throw InvalidInputError.forField(field, 'is not a template');
    if (template.channel !== channel)
      throw InvalidInputError.forField(field, `is a ${template.channel} template`);
    if (template.purpose !== 'marketing')
      throw InvalidInputError.forField(field, 'is not a marketing template');
    for (const locale of ['vi', 'en'] as const) {
      if (template.locales[locale] === undefined) continue;
      // Throws InvalidInputError naming `variables.<name>` when a value the template needs is missing.
      previewMessage({
        settings: deps.settings,
        template,
        request: { templateId, locale, variables: campaign.variables },
        sampleOptOutUrl: 'https://example.com/u/sample',
      });
    }
  }
}

/**
 * Creates the campaign once per idempotency key: the same key again returns the stored campaign
 * (created false), a different request under it is refused. A stored campaign is looked up before
 * anything is validated, so a retry after its sendAt passed (or after a template was edited) gets
 * the campaign, not a 400. Then makes sure it will start: now through the fan-out queue, later
 * through a one-time schedule. Both are safe to repeat, so a retry after a crash between the put
 * and the start completes what the first attempt began (and the sweep, startDueCampaigns, catches
 * a campaign nobody retries).
 */
export async function createCampaign(
  deps: CreateCampaignDeps,
  idempotencyKey: string,
  input: CampaignRequest,
): Promise<{ campaign: Campaign; created: boolean }> {
  const now = deps.clock.now().toISOString();
  const id = campaignIdFor(idempotencyKey);
  const hash = requestHash(input);
  const replayOf = (existing: Campaign) => {
    if (existing.requestHash !== hash) throw new IdempotencyKeyReusedError(id);
    return existing;
  };
  const found = await deps.campaigns.get(id);
  let campaign: Campaign;
  let created = false;
  if (found !== undefined) {
    campaign = replayOf(found);
  } else {
    const candidate = campaignFromRequest(deps, idempotencyKey, input, now);
    const stored = await deps.campaigns.create(candidate);
    created = stored.created;
    campaign = stored.created ? candidate : replayOf(stored.existing);
  }
  if (campaign.status === 'scheduled') {
    if (Date.parse(campaign.sendAt) - Date.parse(now) < SCHEDULE_LEAD_MS)
      await deps.fanOut.send({ kind: 'start', campaignId: campaign.id });
    else await deps.scheduler.schedule(campaign.id, campaign.sendAt);
  }
  return { campaign, created };
}

const BROADCAST_NAME: Readonly<Record<Locale, string>> = {
  vi: 'Thông báo sự cố',
  en: 'Outage broadcast',
};

/**
 * A broadcast sent in a hurry has no name: it is called by when it went out, in the shop's
 * language and time zone, day first as both languages write it here: "Thông báo sự cố 23/11/2026
 * 09:15".
 */
export function defaultBroadcastName(
  now: string,
  settings: Pick<ShopSettings, 'locale' | 'timeZone'>,
): string {
  const local = new TZDate(now, settings.timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  const day = `${two(local.getDate())}/${two(local.getMonth() + 1)}/${local.getFullYear()}`;
  return `${BROADCAST_NAME[settings.locale]} ${day} ${two(local.getHours())}:${two(local.getMinutes())}`;
}
