import { SESv2Client } from '@aws-sdk/client-sesv2';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSesEmulator, type SesEmulator } from '../../infra/local/ses-emulator';
import { DynamoCapWindowStore } from '../../shared/adapters/dynamodb/cap-window-store';
import { DynamoMessageLedger } from '../../shared/adapters/dynamodb/message-ledger';
import { DynamoRecipientReader } from '../../shared/adapters/dynamodb/recipient-reader';
import { SesEmailSender } from '../../shared/adapters/email/ses-email-sender';
import { OutboxSmsSender } from '../../shared/adapters/sms/outbox-sms-sender';
import { ConsentEventInput, type Channel } from '../../shared/core/consent';
import type { DispatchDeps } from '../../shared/core/messaging/dispatch-deps';
import { optOutLink } from '../../shared/core/messaging/opt-out-link';
import {
  deriveUnsubscribeKey,
  issueUnsubscribeToken,
} from '../../shared/core/messaging/unsubscribe-token';
import type { ShopSettings } from '../../shared/core/settings';
import { builtInTemplate } from '../../shared/core/templates/built-in-templates';
import { ids, vietnameseShop } from './builders';
import { TEST_ADDRESS_SECRET, createStore, type StoreFixture } from './store';

/** A shop that can send on both channels. */
export const sendingShop: ShopSettings = {
  ...vietnameseShop,
  emailSender: { address: 'shop@example.com', name: 'Xà phòng Thảo Mộc' },
  smsSenderId: 'THAOMOC',
};

/** The SES v2 client of aws-ses-v2-local, as the local stack points the real one at it. */
export function emulatorEmailSender(endpoint: string): SesEmailSender {
  return new SesEmailSender(
    new SESv2Client({
      endpoint,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    }),
  );
}

/**
 * DispatchDeps on a store's table, as `services.dispatch()` builds them in a function: the tests'
 * one place to follow when DispatchDeps changes.
 */
export function storeDispatchDeps(
  store: StoreFixture,
  senders: { readonly email: DispatchDeps['email']; readonly outboxDir: string },
  overrides: Partial<DispatchDeps> = {},
): DispatchDeps {
  const key = deriveUnsubscribeKey(TEST_ADDRESS_SECRET);
  return {
    recipients: new DynamoRecipientReader(store.documentClient, store.table.tableName),
    settings: sendingShop,
    ledger: new DynamoMessageLedger(store.documentClient, store.table.tableName),
    capWindows: new DynamoCapWindowStore(store.documentClient, store.table.tableName),
    email: senders.email,
    sms: new OutboxSmsSender(join(senders.outboxDir, 'sms.jsonl'), store.clock, ids),
    templates: builtInTemplate,
    unsubscribeLink: (customerId: string, channel: Channel) =>
      optOutLink({
        publicBaseUrl: 'https://shop.example.com',
        token: issueUnsubscribeToken(key, { customerId, channel, issuedAt: store.clock.now() }),
        mailbox: null,
      }),
    clock: store.clock,
    random: () => 0,
    ...overrides,
  };
}

/** A table, the SES v2 emulator and a folder for the SMS outbox: what a test of real sending needs. */
export interface SendingFixture {
  readonly store: StoreFixture;
  readonly emulator: SesEmulator;
  readonly outboxDir: string;
  stop(): Promise<void>;
}

/** Starts the three side by side; `name` labels the outbox folder. */
export async function startSendingFixture(name: string): Promise<SendingFixture> {
  const [store, emulator, outboxDir] = await Promise.all([
    createStore(),
    startSesEmulator(),
    mkdtemp(join(tmpdir(), `regulars-${name}-`)),
  ]);
  return {
    store,
    emulator,
    outboxDir,
    stop: async () => {
      await Promise.all([
        store.table.dropTable(),
        emulator.stop(),
        rm(outboxDir, { recursive: true, force: true }),
      ]);
    },
  };
}

/** A marketing grant (from the sign-up form, with terms and IP) or a withdrawal (by hotline). */
export function marketingConsent(channel: Channel, action: 'granted' | 'withdrawn') {
  return ConsentEventInput.parse({
    channel,
    purpose: 'marketing',
    action,
    source: action === 'granted' ? 'signup_form' : 'hotline',
    ...(action === 'granted' ? { termsVersion: '2026-01', ip: '203.113.1.7' } : {}),
  });
}
