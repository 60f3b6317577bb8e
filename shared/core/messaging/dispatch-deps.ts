import type { Channel } from '../consent';
import type { Clock } from '../ports';
import type { ShopSettings } from '../settings';
import type { MessageTemplate } from '../templates/message-template';
import type { OptOutLink, ShopVariables } from './compose-message';
import type { CapWindowStore, MessageLedger } from './ledger';
import type { EmailSender, SmsSender } from './senders';
import type { RecipientReader } from './recipient';

/** Whether the owner cancelled a campaign; the adapter may cache the answer for a few seconds. */
export interface CampaignGate {
  isCancelled(campaignId: string): Promise<boolean>;
}

/** Everything `dispatch` sends through: ports and plain values, no provider types. */
export interface DispatchDeps {
  /** The customer with consent and suppression, and the cap window, in one read. */
  readonly recipients: RecipientReader;
  readonly settings: ShopSettings;
  readonly ledger: MessageLedger;
  readonly capWindows: CapWindowStore;
  readonly email: EmailSender;
  readonly sms: SmsSender;
  readonly templates: (templateId: string) => MessageTemplate | undefined;
  /** The signed one-click opt-out for a customer's marketing on a channel. */
  readonly unsubscribeLink: (customerId: string, channel: Channel) => OptOutLink;
  /** Stamps the outcome written after the provider answered. */
  readonly clock: Clock;
  /** A number in [0, 1), for the deferral jitter. */
  readonly random: () => number;
  /** Workflows let past the shop's own cap (never the legal ceiling), e.g. the outage broadcast. */
  readonly capExemptWorkflows?: readonly string[];
  /** Stops the jobs of a cancelled campaign (a job with a `runId`) before anything is sent. */
  readonly campaigns?: CampaignGate;
  readonly variables?: ShopVariables;
  readonly configurationSetName?: string;
  /** How long a claim may wait for the provider; longer than its timeout. 2 minutes by default. */
  readonly leaseMs?: number;
}

/** How long a claim may wait for the provider by default: longer than a sender's timeout. */
export const DEFAULT_LEASE_MS = 2 * 60 * 1000;
