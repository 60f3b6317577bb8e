import type { Channel, Purpose } from '../../shared/core/consent';
import type { SendJob } from '../../shared/core/messaging/send-job';
import type { Campaign } from './campaign';
import { matchesSegment, type AudienceProfile } from './segment';

/** The workflow names send jobs carry: the dispatcher exempts the broadcast from the shop's cap. */
export const BROADCAST_WORKFLOW = 'outage-broadcast';
export const PROMOTION_WORKFLOW = 'promotion';

/** Built-in templates per channel: marketing, and the broadcast's open-order variant. */
export const DEFAULT_TEMPLATES = {
  broadcast: { email: 'outage-email', sms: 'outage-sms' },
  promotion: { email: 'promotion-email', sms: 'promotion-sms' },
  openOrder: { email: 'outage-order-email', sms: 'outage-order-sms' },
} as const satisfies Record<string, Record<Channel, string>>;

/**
 * How long after a placed order the customer counts as having an open order. The profile keeps
 * only the last counted order (`lastOrderAt`: cancelled and returned ones never count), not its
 * delivery state, and a cash-on-delivery parcel in Việt Nam takes up to about two weeks to arrive
 * or come back; 30 days covers that and the usual return period after it.
 */
export const OPEN_ORDER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether the customer placed an order (still counted) in the last OPEN_ORDER_DAYS. */
export function hasOpenOrder(profile: Pick<AudienceProfile, 'aggregates'>, now: string): boolean {
  const last = profile.aggregates.lastOrderAt;
  if (last === null) return false;
  const age = Date.parse(now) - Date.parse(last);
  return age >= 0 && age <= OPEN_ORDER_DAYS * DAY_MS;
}

/**
 * The send jobs of one campaign for one customer: one per chosen channel the customer has an
 * address on. A broadcast to someone with an open order tells them how to reach the shop about
 * it, a service message (transactional); everything else is marketing. Consent, suppression,
 * quiet hours and the cap are the dispatcher's to judge, per message, so each skip is recorded
 * with its reason.
 */
export function campaignJobs(campaign: Campaign, profile: AudienceProfile, now: string): SendJob[] {
  const service = campaign.kind === 'broadcast' && hasOpenOrder(profile, now);
  const purpose: Purpose = service ? 'transactional' : 'marketing';
  const workflow = campaign.kind === 'broadcast' ? BROADCAST_WORKFLOW : PROMOTION_WORKFLOW;
  return campaign.channels
    .filter((channel) => (channel === 'sms' ? profile.phone : profile.email) !== undefined)
    .map((channel) => ({
      workflow,
      step: channel,
      customerId: profile.id,
      channel,
      templateId: service ? DEFAULT_TEMPLATES.openOrder[channel] : templateFor(campaign, channel),
      purpose,
      variables: service ? serviceVariables(campaign.variables) : campaign.variables,
      runId: campaign.id,
    }));
}

/**
 * A campaign's send jobs for one customer, none when a promotion's segment leaves them out
 * (`today` is the shop's calendar day): what the fan-out queues and the estimate counts.
 */
export function jobsFor(
  campaign: Campaign,
  profile: AudienceProfile,
  today: string,
  now: string,
): SendJob[] {
  if (campaign.segment !== undefined && !matchesSegment(profile, campaign.segment, today))
    return [];
  return campaignJobs(campaign, profile, now);
}

/**
 * What the open-order (transactional) variant may carry: the fixed service text's blanks, where
 * to reach the shop, and nothing of the owner's own words. A service message goes out without
 * marketing consent and without [QC]; free text (`message`) could be an advertisement, which
 * would then reach customers who never agreed to one, unlabelled. The marketing variant keeps it.
 */
function serviceVariables(variables: Campaign['variables']): Campaign['variables'] {
  const { websiteUrl, hotline, zaloUrl, storeAddress } = variables;
  return {
    ...(websiteUrl === undefined ? {} : { websiteUrl }),
    ...(hotline === undefined ? {} : { hotline }),
    ...(zaloUrl === undefined ? {} : { zaloUrl }),
    ...(storeAddress === undefined ? {} : { storeAddress }),
  };
}

/** The campaign's marketing template on a channel: the owner's choice or the built-in one. */
export function templateFor(campaign: Pick<Campaign, 'kind' | 'templateIds'>, channel: Channel) {
  return campaign.templateIds[channel] ?? DEFAULT_TEMPLATES[campaign.kind][channel];
}
