import { describe, expect, it } from 'vitest';
import { returnCapSlot } from '../../../shared/core/messaging/cap-slot';
import { claimCapSlot, type CapWindow } from '../../../shared/core/messaging/frequency-cap';
import type { CapWindowStore } from '../../../shared/core/messaging/ledger';
import { withinAttributionWindow } from '../../../shared/core/results/attribution';
import {
  ShopSettings,
  ShopSettingsPatch,
  defaultShopSettings,
} from '../../../shared/core/settings';

const T0 = '2026-11-23T03:00:00.000Z';
const policy = { messagesPerDay: 3, exempt: false };

describe('the last touch on the cap window', () => {
  it('is set by a claim that names its owner and kept by one that does not', () => {
    const empty: CapWindow = { sends: [], version: 0 };
    const first = claimCapSlot(empty, 'sms', T0, policy, 'campaign:R1');
    if (!first.allowed) throw new Error('allowed');
    expect(first.next.lastTouch).toEqual({ owner: 'campaign:R1', at: T0, channel: 'sms' });

    const later = '2026-11-24T04:00:00.000Z';
    const second = claimCapSlot(first.next, 'email', later, policy);
    if (!second.allowed) throw new Error('allowed');
    // The first send left the 24 hours; its touch did not.
    expect(second.next.sends).toEqual([{ at: later, channel: 'email' }]);
    expect(second.next.lastTouch).toEqual(first.next.lastTouch);
  });

  it('is dropped when the place of the message it names is given back', async () => {
    let window: CapWindow = { sends: [], version: 0 };
    const store: CapWindowStore = {
      read: async () => window,
      save: async (_id, next) => void (window = next),
    };
    const claim = claimCapSlot(window, 'email', T0, policy, 'workflow:win-back');
    if (!claim.allowed) throw new Error('allowed');
    window = claim.next;

    await returnCapSlot(store, { customerId: 'C1', channel: 'email', at: T0 });

    expect(window).toEqual({ sends: [], version: 2 });
  });
});

describe('the attribution window', () => {
  const touch = { owner: 'campaign:R1' as const, at: T0, channel: 'email' as const };
  it.each([
    ['at the message', T0, true],
    ['seven days on', '2026-11-30T03:00:00.000Z', true],
    ['a second past seven days', '2026-11-30T03:00:01.000Z', false],
    ['before the message', '2026-11-23T02:59:59.000Z', false],
  ])('includes an order placed %s: %s', (_, placedAt, within) => {
    expect(withinAttributionWindow(touch, placedAt, 7)).toBe(within);
  });
});

describe('attributionWindowDays setting', () => {
  it('reads as 7 days for settings stored before it existed', () => {
    const { attributionWindowDays: _, ...older } = defaultShopSettings;
    expect(ShopSettings.parse(older).attributionWindowDays).toBe(7);
  });

  it('may be patched from 1 to 90 days', () => {
    expect(ShopSettingsPatch.safeParse({ attributionWindowDays: 30 }).success).toBe(true);
    expect(ShopSettingsPatch.safeParse({ attributionWindowDays: 0 }).success).toBe(false);
    expect(ShopSettingsPatch.safeParse({ attributionWindowDays: 91 }).success).toBe(false);
    expect(ShopSettingsPatch.safeParse({ attributionWindowDays: 1.5 }).success).toBe(false);
  });
});
