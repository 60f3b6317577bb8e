import { MAX_QUEUE_DELAY_SECONDS, type Clock, type JobQueue } from '../../shared/core/ports';
import type { ShopSettings } from '../../shared/core/settings';
import { dayInZone } from '../../shared/core/time-zone';
import type { Campaign, FanOutMessage } from './campaign';
import { jobsFor } from './campaign-jobs';
import type { AudienceScanner, CampaignStore, SegmentProgress, SendJobSink } from './ports';
import type { AudienceProfile } from './segment';

export interface FanOutDeps {
  readonly campaigns: CampaignStore;
  readonly audience: AudienceScanner;
  readonly sendJobs: SendJobSink;
  readonly fanOut: JobQueue<FanOutMessage>;
  readonly settings: ShopSettings;
  readonly clock: Clock;
  /**
   * True when the worker should hand the rest of its segment to a fresh delivery (Lambda's time
   * is running out); the segment resumes from its committed cursor.
   */
  readonly shouldYield?: () => boolean;
}

/** not_due: the start came before sendAt and was put back on the queue, delayed. */
export type StartOutcome = 'started' | 'resumed' | 'not_due' | 'not_found' | 'not_startable';

/**
 * Starts a due campaign's fan-out: scheduled → fanning_out (conditionally, so two starts make one
 * fan-out), then one message per scan segment. A start redelivered while the campaign is fanning
 * out re-sends the messages of the segments that have not begun; each resumes from its cursor.
 */
export async function startCampaign(deps: FanOutDeps, campaignId: string): Promise<StartOutcome> {
  const now = deps.clock.now().toISOString();
  const campaign = await deps.campaigns.get(campaignId);
  if (campaign === undefined) return 'not_found';
  let outcome: StartOutcome;
  if (campaign.status === 'scheduled') {
    if (campaign.sendAt > now) {
      await holdBack(deps, campaignId, Date.parse(campaign.sendAt) - Date.parse(now));
      return 'not_due';
    }
    const moved = await deps.campaigns.transition(campaignId, ['scheduled'], 'fanning_out', now);
    if (moved === undefined) return startCampaign(deps, campaignId);
    outcome = 'started';
  } else if (campaign.status === 'fanning_out') {
    outcome = 'resumed';
  } else {
    return 'not_startable';
  }
  const segments = await deps.campaigns.segments(campaignId);
  // A segment that has committed a page had its message delivered, and SQS redelivers it until it
  // is done: only the segments with no progress yet may have lost theirs (a crash right here).
  const begun = new Set(segments.map((progress) => progress.segment));
  const done = segments.filter((progress) => progress.done).length;
  for (let segment = 0; segment < campaign.scanSegments; segment += 1) {
    if (outcome === 'resumed' && begun.has(segment)) continue;
    await deps.fanOut.send({
      kind: 'segment',
      campaignId,
      segment,
      totalSegments: campaign.scanSegments,
    });
  }
  if (done === campaign.scanSegments) await finishIfAllDone(deps, campaign, now);
  return outcome;
}

/**
 * An early start goes back on the queue, delayed until sendAt (at most SQS's 15 minutes at a
 * time), rather than being dropped: Scheduler fires within its minute and deletes itself, so a
 * start it sent a few seconds early is the only one coming.
 */
async function holdBack(deps: FanOutDeps, campaignId: string, remainingMs: number): Promise<void> {
  const delaySeconds = Math.min(MAX_QUEUE_DELAY_SECONDS, Math.ceil(remainingMs / 1000));
  await deps.fanOut.send({ kind: 'start', campaignId }, { delaySeconds });
}

/** How long a segment message that lost a commit race waits before it looks again. */
export const SUPERSEDED_DELAY_SECONDS = 60;

export type SegmentOutcome = 'done' | 'cancelled' | 'superseded' | 'yielded' | 'not_running';

/**
 * Puts one scan segment's send jobs on the queue, page by page. Per page: one read of the
 * campaign (a cancel stops the fan-out here), the jobs onto the send queue, then one conditional
 * write that moves the cursor and adds `queued` in the same transaction. A crash between the
 * enqueue and that write replays the page: its jobs go out again, the dispatcher's message-key
 * claim makes them duplicates, and `queued` is counted once.
 */
export async function fanOutSegment(
  deps: FanOutDeps,
  message: Extract<FanOutMessage, { kind: 'segment' }>,
): Promise<SegmentOutcome> {
  const { campaignId, segment, totalSegments } = message;
  let progress: SegmentProgress = (await deps.campaigns.segment(campaignId, segment)) ?? {
    segment,
    pages: 0,
    done: false,
  };
  while (!progress.done) {
    if (deps.shouldYield?.()) {
      await deps.fanOut.send(message);
      return 'yielded';
    }
    const campaign = await deps.campaigns.get(campaignId);
    if (campaign?.status === 'cancelled') return 'cancelled';
    if (campaign?.status !== 'fanning_out') return 'not_running';
    const now = deps.clock.now().toISOString();
    const page = await deps.audience.page(segment, totalSegments, progress.cursor);
    const { jobs, audience } = pageJobs(deps.settings, campaign, page.profiles, now);
    await deps.sendJobs.sendAll(jobs);
    const done = page.nextCursor === undefined;
    const committed = await deps.campaigns.commitPage(campaignId, {
      segment,
      readPages: progress.pages,
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      done,
      queued: jobs.length,
      audience,
      unreadable: page.unreadable ?? 0,
    });
    // Another delivery of this segment got there first. It should carry on from here, but if it
    // then stops without a redelivery (the local queue drops a message after three failures),
    // nothing would: so this one hands its message back, a little later, to resume from the
    // committed cursor (or find the segment done).
    if (!committed) {
      await deps.fanOut.send(message, { delaySeconds: SUPERSEDED_DELAY_SECONDS });
      return 'superseded';
    }
    progress = {
      segment,
      pages: progress.pages + 1,
      done,
      ...(page.nextCursor === undefined ? {} : { cursor: page.nextCursor }),
    };
  }
  const campaign = await deps.campaigns.get(campaignId);
  if (campaign !== undefined) await finishIfAllDone(deps, campaign, deps.clock.now().toISOString());
  return 'done';
}

function pageJobs(
  settings: ShopSettings,
  campaign: Campaign,
  profiles: readonly AudienceProfile[],
  now: string,
) {
  const today = dayInZone(now, settings.timeZone);
  let audience = 0;
  const jobs = profiles.flatMap((profile) => {
    const forProfile = jobsFor(campaign, profile, today, now);
    if (forProfile.length > 0) audience += 1;
    return forProfile;
  });
  return { jobs, audience };
}

/** fanning_out → queued once every segment is done (whichever segment finishes last sees it). */
async function finishIfAllDone(deps: FanOutDeps, campaign: Campaign, now: string): Promise<void> {
  if (campaign.status !== 'fanning_out') return;
  const segments = await deps.campaigns.segments(campaign.id);
  const done = segments.filter((progress) => progress.done).length;
  if (done < campaign.scanSegments) return;
  await deps.campaigns.transition(campaign.id, ['fanning_out'], 'queued', now);
}
