import type { Channel } from '../consent';
import { ConcurrentWriteError } from '../errors';
import { claimCapSlot, type CapPolicy, type CapSkip, type CapWindow } from './frequency-cap';
import type { TallyOwner } from '../results/tally';
import type { CapWindowStore } from './ledger';

/** How often a cap write is retried after another dispatcher wrote the same window. */
const MAX_ROUNDS = 5;

/** One place under the cap, as claimed: give it back with {@link returnCapSlot}. */
export interface CapSlot {
  readonly customerId: string;
  readonly channel: Channel;
  readonly at: string;
  /** Whose message takes the place: recorded as the customer's last touch (see CapWindow). */
  readonly owner?: TallyOwner;
}

/**
 * Claims one marketing place in the customer's 24-hour window with one conditional write,
 * starting from the window the decision was made on. When another dispatcher saved first, the
 * window is read again and the cap asked again, so of two racing sends only the allowed number
 * get a place. Throws ConcurrentWriteError after {@link MAX_ROUNDS} lost races.
 */
export async function takeCapSlot(
  store: CapWindowStore,
  slot: CapSlot,
  policy: CapPolicy,
  readWindow: CapWindow,
): Promise<{ readonly allowed: true } | { readonly allowed: false; readonly reason: CapSkip }> {
  let window = readWindow;
  for (let round = 1; ; round += 1) {
    const claim = claimCapSlot(window, slot.channel, slot.at, policy, slot.owner);
    if (!claim.allowed) return claim;
    try {
      await store.save(slot.customerId, claim.next, window.version);
      return { allowed: true };
    } catch (error) {
      if (!(error instanceof ConcurrentWriteError) || round >= MAX_ROUNDS) throw error;
    }
    window = await store.read(slot.customerId);
  }
}

/**
 * Gives back a place taken by {@link takeCapSlot} for a message that was definitely not sent, so
 * its retry is not refused by its own earlier attempt. Removes one send with the same instant and
 * channel (one already pruned needs nothing). A lost give-back only errs towards fewer messages.
 */
export async function returnCapSlot(store: CapWindowStore, slot: CapSlot): Promise<void> {
  for (let round = 1; ; round += 1) {
    const window = await store.read(slot.customerId);
    const index = window.sends.findIndex(
      (send) => send.at === slot.at && send.channel === slot.channel,
    );
    if (index < 0) return;
    const sends = window.sends.filter((_, position) => position !== index);
    // The unsent message is no touch; the one before it is not known any more, so none is kept.
    const { lastTouch } = window;
    const touched = lastTouch?.at === slot.at && lastTouch.channel === slot.channel;
    const next = {
      sends,
      version: window.version + 1,
      ...(touched || lastTouch === undefined ? {} : { lastTouch }),
    };
    try {
      await store.save(slot.customerId, next, window.version);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentWriteError) || round >= MAX_ROUNDS) throw error;
    }
  }
}
