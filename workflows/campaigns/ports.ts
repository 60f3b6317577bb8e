import type { SendJob } from '../../shared/core/messaging/send-job';
import type { Campaign, CampaignStatus } from './campaign';
import type { AudienceProfile } from './segment';

/** How far one scan segment of a fan-out has got. */
export interface SegmentProgress {
  readonly segment: number;
  /** Pages committed so far: the segment item's version. */
  readonly pages: number;
  /** Where the next page starts; absent at the start and once done. */
  readonly cursor?: string;
  readonly done: boolean;
}

/** One committed page: the cursor moves and the campaign's counters grow, together or not at all. */
export interface PageCommit {
  readonly segment: number;
  /** The page count the writer read: the write is conditional on it. */
  readonly readPages: number;
  readonly nextCursor?: string;
  readonly done: boolean;
  /** Jobs put on the send queue from this page, and customers they went to. */
  readonly queued: number;
  readonly audience: number;
  /** Profiles on the page that could not be read (skipped; the scanner logged their keys). */
  readonly unreadable: number;
}

export interface CampaignPage {
  readonly campaigns: readonly Campaign[];
  readonly nextCursor?: string;
}

export interface CampaignStore {
  /** Puts a new campaign unless its id exists; then returns the stored one instead. */
  create(campaign: Campaign): Promise<{ created: true } | { created: false; existing: Campaign }>;
  get(campaignId: string): Promise<Campaign | undefined>;
  /** Newest first. */
  list(page: { limit: number; cursor?: string }): Promise<CampaignPage>;
  /** Scheduled campaigns whose sendAt is at or before `now` (local schedules; the AWS sweep). */
  scheduledDue(now: string): Promise<Campaign[]>;
  /**
   * Moves the campaign to `to` if its status is one of `from`, stamping `at`; the updated
   * campaign, or undefined when its status was not one of `from` (or it does not exist).
   */
  transition(
    campaignId: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    at: string,
  ): Promise<Campaign | undefined>;
  segments(campaignId: string): Promise<SegmentProgress[]>;
  segment(campaignId: string, segment: number): Promise<SegmentProgress | undefined>;
  /** False when another delivery committed this page first (nothing written). */
  commitPage(campaignId: string, commit: PageCommit): Promise<boolean>;
}

/**
 * One page of one parallel-scan segment of the customer profiles; `unreadable` counts the items
 * that are not a readable profile, skipped rather than failing the page.
 */
export interface AudienceScanner {
  page(
    segment: number,
    totalSegments: number,
    cursor: string | undefined,
  ): Promise<{ profiles: AudienceProfile[]; nextCursor?: string; unreadable?: number }>;
}

/** Puts many send jobs on the queue (SendMessageBatch in AWS). Delivery is at least once. */
export interface SendJobSink {
  sendAll(jobs: readonly SendJob[]): Promise<void>;
}

/** One-time schedules of campaigns set for later (EventBridge Scheduler in AWS). */
export interface CampaignScheduler {
  /** Idempotent: scheduling the same campaign again is not an error. */
  schedule(campaignId: string, at: string): Promise<void>;
  /** Idempotent: a schedule that is gone (fired, or never made) is not an error. */
  cancel(campaignId: string): Promise<void>;
}
