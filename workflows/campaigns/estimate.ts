import { z } from 'zod';
import type { Channel } from '../../shared/core/consent';
import { Money } from '../../shared/core/money';
import { consentVerdict } from '../../shared/core/messaging/send-consent';
import {
  MessagePreview,
  previewMessage,
  type MessagePreview as Preview,
} from '../../shared/core/messaging/preview-message';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { ShopSettings } from '../../shared/core/settings';
import type { MessageTemplate } from '../../shared/core/templates/message-template';
import { dayInZone } from '../../shared/core/time-zone';
import type { Campaign } from './campaign';
import { jobsFor } from './campaign-jobs';
import type { AudienceProfile } from './segment';

export const CampaignEstimate = z.object({
  /** Customers in the segment (everyone, for a broadcast) with an address on a chosen channel. */
  matched: z.number().int(),
  /** Per channel: matched customers the message may reach (consent given, address not suppressed). */
  audience: z.object({ email: z.number().int(), sms: z.number().int() }),
  cost: z.object({
    emails: z.number().int(),
    smsMessages: z.number().int(),
    smsSegments: z.number().int(),
    /** SMS segments × the shop's price per segment; null until the owner sets the price. */
    smsCost: Money.nullable(),
    note: z.string().optional(),
  }),
  /** The message rendered for the first customer reached on each channel, as a dry run. */
  sample: z.array(z.object({ customerId: z.string(), preview: MessagePreview })),
});
export type CampaignEstimate = z.infer<typeof CampaignEstimate>;

export interface EstimateDeps {
  readonly settings: ShopSettings;
  readonly templates: (templateId: string) => MessageTemplate | undefined;
  /** A stand-in opt-out link as long as a real one, so SMS segments count right. */
  readonly sampleOptOutUrl: string;
}

/** Whether the dispatcher would let this job through on consent and suppression alone. */
function reachable(profile: AudienceProfile, job: SendJob): boolean {
  const channel = job.channel;
  if (profile.suppression[channel] !== undefined) return false;
  return consentVerdict({ profile: profile.consent[channel] }, job.purpose).allowed;
}

/**
 * Counts a campaign's audience and prices it from the customers as they are now, sending
 * nothing. Quiet hours only delay a message and the cap depends on the day it goes, so neither
 * is counted here. SMS segments are measured on each customer's own rendering of the template:
 * an owner's template may use {{customerName}}, so two customers' texts can differ in length
 * (the segment count is cached by the rendered text).
 */
export async function estimateCampaign(
  deps: EstimateDeps,
  campaign: Campaign,
  profiles: AsyncIterable<AudienceProfile>,
  now: string,
): Promise<CampaignEstimate> {
  const today = dayInZone(now, deps.settings.timeZone);
  const audience: Record<Channel, number> = { email: 0, sms: 0 };
  const samples = new Map<Channel, { customerId: string; preview: Preview }>();
  const segmentsByText = new Map<string, number>();
  let matched = 0;
  let smsSegments = 0;
  for await (const profile of profiles) {
    const jobs = jobsFor(campaign, profile, today, now);
    if (jobs.length === 0) continue;
    matched += 1;
    for (const job of jobs.filter((candidate) => reachable(profile, candidate))) {
      audience[job.channel] += 1;
      if (job.channel === 'email' && samples.has('email')) continue;
      const preview = render(deps, job, profile);
      if (!samples.has(job.channel)) samples.set(job.channel, { customerId: profile.id, preview });
      if (preview.channel !== 'sms') continue;
      let segments = segmentsByText.get(preview.text);
      if (segments === undefined) {
        segments = (
          deps.settings.smsText === 'as_written'
            ? preview.costs.asWritten
            : preview.costs.withoutDiacritics
        ).segments;
        segmentsByText.set(preview.text, segments);
      }
      smsSegments += segments;
    }
  }
  const price = deps.settings.smsPricePerSegment;
  return {
    matched,
    audience,
    cost: {
      emails: audience.email,
      smsMessages: audience.sms,
      smsSegments,
      smsCost:
        price === null ? null : { amount: price.amount * smsSegments, currency: price.currency },
      ...(price === null && audience.sms > 0
        ? { note: 'Set smsPricePerSegment in the settings to price the SMS.' }
        : {}),
    },
    sample: [...samples.values()],
  };
}

function render(deps: EstimateDeps, job: SendJob, profile: AudienceProfile): Preview {
  return previewMessage({
    settings: deps.settings,
    template: deps.templates(job.templateId),
    request: {
      templateId: job.templateId,
      locale: profile.locale,
      variables: {
        ...job.variables,
        ...(profile.name === undefined ? {} : { customerName: profile.name }),
      },
    },
    sampleOptOutUrl: deps.sampleOptOutUrl,
  });
}
