import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SesEmulator } from '../../infra/local/ses-emulator';
import {
  CachedTemplateLookup,
  DynamoTemplateRepository,
} from '../../shared/adapters/dynamodb/template-repository';
import { ConsentEventInput } from '../../shared/core/consent';
import { customerInputSchema } from '../../shared/core/customer';
import { createCustomer } from '../../shared/core/customer-commands';
import { InvalidInputError, VersionMismatchError } from '../../shared/core/errors';
import { dispatch } from '../../shared/core/messaging/dispatch';
import { recordConsent } from '../../shared/core/record-consent';
import {
  builtInTemplate,
  builtInTemplates,
  winBackEmail,
  winBackSms,
} from '../../shared/core/templates/built-in-templates';
import type { MessageTemplate } from '../../shared/core/templates/message-template';
import {
  listTemplates,
  readTemplate,
  saveTemplate,
} from '../../shared/core/templates/template-catalog';
import { ManualClock, ids } from '../helpers/builders';
import {
  emulatorEmailSender,
  storeDispatchDeps,
  startSendingFixture,
  type SendingFixture,
} from '../helpers/dispatch-deps';
import type { StoreFixture } from '../helpers/store';

/** 10:00 in Ho Chi Minh City: inside the sending window. */
const T0 = '2026-11-23T03:00:00.000Z';

let store: StoreFixture;
let emulator: SesEmulator;
let outboxDir: string;
let sending: SendingFixture;
let repository: DynamoTemplateRepository;
const clock = new ManualClock(new Date(T0));

beforeAll(async () => {
  sending = await startSendingFixture('templates');
  ({ store, emulator, outboxDir } = sending);
  repository = new DynamoTemplateRepository(store.documentClient, store.table.tableName);
});
afterAll(async () => sending?.stop());

const deps = () => ({ templates: repository, clock });

/** The win-back email with the owner's own subject. */
function ownWinBackEmail(subject: string): MessageTemplate {
  const vi = winBackEmail.locales.vi;
  if (vi === undefined) throw new Error('the built-in has Vietnamese');
  return { ...winBackEmail, locales: { vi: { ...vi, subject } } };
}

function invalidField(error: unknown): string | undefined {
  return error instanceof InvalidInputError ? error.issues[0]?.field : undefined;
}

describe('templates the owner edits', () => {
  it('serves a built-in as version 0 until the owner saves a version of it', async () => {
    expect(await readTemplate(repository, 'promotion-sms')).toEqual({
      template: builtInTemplate('promotion-sms'),
      origin: 'built_in',
      version: 0,
      updatedAt: null,
    });
    expect(await readTemplate(repository, 'no-such-template')).toBeUndefined();
  });

  it('overrides a built-in, versioned, and refuses a stale If-Match', async () => {
    const first = await saveTemplate(deps(), 'win-back-email', ownWinBackEmail('[QC] Nhớ bạn!'), 0);
    expect(first).toMatchObject({ origin: 'edited', version: 1, updatedAt: T0 });

    const second = await saveTemplate(
      deps(),
      'win-back-email',
      ownWinBackEmail('[QC] Lâu rồi không gặp'),
      1,
    );
    expect(second.version).toBe(2);
    await expect(
      saveTemplate(deps(), 'win-back-email', ownWinBackEmail('[QC] cũ'), 1),
    ).rejects.toBeInstanceOf(VersionMismatchError);
    expect((await readTemplate(repository, 'win-back-email'))?.template).toEqual(
      ownWinBackEmail('[QC] Lâu rồi không gặp'),
    );
  });

  it('lists the built-ins with the edited one in its place, then the shop’s own', async () => {
    const own: MessageTemplate = { ...winBackSms, id: 'tet-sms', name: 'Chúc Tết' };
    await saveTemplate(deps(), 'tet-sms', own, undefined);

    const listed = await listTemplates(repository);

    expect(listed.map((view) => [view.template.id, view.origin])).toEqual([
      ...builtInTemplates.map((template) => [
        template.id,
        template.id === 'win-back-email' ? 'edited' : 'built_in',
      ]),
      ['tet-sms', 'shop'],
    ]);
  });

  it('refuses a body whose id is not the path’s, and a change of channel or purpose', async () => {
    const wrongId = await saveTemplate(deps(), 'promotion-sms', winBackSms, undefined).catch(
      (error: unknown) => error,
    );
    expect(invalidField(wrongId)).toBe('id');

    const asTransactional = { ...winBackSms, purpose: 'transactional' } as MessageTemplate;
    const purpose = await saveTemplate(deps(), 'win-back-sms', asTransactional, undefined).catch(
      (error: unknown) => error,
    );
    expect(invalidField(purpose)).toBe('purpose');

    const asEmail = { ...winBackEmail, id: 'win-back-sms' };
    const channel = await saveTemplate(deps(), 'win-back-sms', asEmail, undefined).catch(
      (error: unknown) => error,
    );
    expect(invalidField(channel)).toBe('channel');
    expect((await readTemplate(repository, 'win-back-sms'))?.origin).toBe('built_in');
  });

  it('is what the dispatcher sends, the built-ins behind it', async () => {
    await saveTemplate(
      deps(),
      'win-back-email',
      ownWinBackEmail('[QC] Shop nhớ bạn lắm'),
      undefined,
    );
    const lookup = await new CachedTemplateLookup(repository, builtInTemplate, () => 0).current();
    const customer = await createCustomer(
      store,
      customerInputSchema('VN').parse({
        name: 'Chị Hạnh',
        email: `hanh.${ids.newId().toLowerCase()}@example.com`,
        source: 'manual',
      }),
    );
    await recordConsent(
      store,
      customer.id,
      ConsentEventInput.parse({
        channel: 'email',
        purpose: 'marketing',
        action: 'granted',
        source: 'signup_form',
        termsVersion: '2026-01',
      }),
    );
    const dispatchDeps = storeDispatchDeps(
      store,
      { email: emulatorEmailSender(emulator.endpoint), outboxDir },
      { clock, templates: lookup },
    );

    const outcome = await dispatch(
      dispatchDeps,
      {
        workflow: 'win-back',
        enrollmentId: `win-back:${customer.id}:20261123T030000Z`,
        step: 'email',
        customerId: customer.id,
        channel: 'email',
        templateId: 'win-back-email',
        purpose: 'marketing',
      },
      T0,
    );

    expect(outcome.kind).toBe('sent');
    const response = await fetch(emulator.storeUrl);
    const { emails } = (await response.json()) as {
      emails: { subject: string; destination: { to: string[] } }[];
    };
    const received = emails.filter((email) => email.destination.to.includes(customer.email ?? ''));
    expect(received.map((email) => email.subject)).toEqual(['[QC] Shop nhớ bạn lắm']);
    expect(lookup('promotion-sms')).toEqual(builtInTemplate('promotion-sms'));
  });
});

describe('CachedTemplateLookup', () => {
  it('reads the stored templates once a minute', async () => {
    let lists = 0;
    const counting = {
      list: async () => ((lists += 1), []),
      get: async () => undefined,
      save: async () => undefined,
    };
    let now = 0;
    const cache = new CachedTemplateLookup(counting, builtInTemplate, () => now);
    await cache.current();
    now = 59_999;
    await cache.current();
    expect(lists).toBe(1);
    now = 60_000;
    await cache.current();
    expect(lists).toBe(2);
  });
});
