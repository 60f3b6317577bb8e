import { describe, expect, it } from 'vitest';
import { ConcurrentWriteError } from '../../../shared/core/errors';
import { returnCapSlot, takeCapSlot } from '../../../shared/core/messaging/cap-slot';
import type { CapWindow } from '../../../shared/core/messaging/frequency-cap';
import type { CapWindowStore } from '../../../shared/core/messaging/ledger';

/** A window store in memory, with the same version condition as the DynamoDB one. */
class MemoryCapWindows implements CapWindowStore {
  window: CapWindow = { sends: [], version: 0 };
  /** Writes another dispatcher makes just before our next save. */
  interleaved: CapWindow[] = [];
  read(): Promise<CapWindow> {
    return Promise.resolve(this.window);
  }
  save(_customerId: string, next: CapWindow, readVersion: number): Promise<void> {
    const other = this.interleaved.shift();
    if (other !== undefined) this.window = other;
    if (this.window.version !== readVersion) {
      return Promise.reject(new ConcurrentWriteError('window'));
    }
    this.window = next;
    return Promise.resolve();
  }
}

const slot = { customerId: 'c', channel: 'email' as const, at: '2026-11-23T03:00:00.000Z' };
const policy = { messagesPerDay: 1, exempt: false };

describe('takeCapSlot', () => {
  it('takes a place in an empty window', async () => {
    const store = new MemoryCapWindows();
    expect(await takeCapSlot(store, slot, policy, store.window)).toEqual({ allowed: true });
    expect(store.window).toEqual({ sends: [{ at: slot.at, channel: 'email' }], version: 1 });
  });

  it('re-reads and is refused when a racing dispatcher took the last place', async () => {
    const store = new MemoryCapWindows();
    const read = store.window;
    store.interleaved.push({ sends: [{ at: slot.at, channel: 'sms' }], version: 1 });
    expect(await takeCapSlot(store, slot, policy, read)).toEqual({
      allowed: false,
      reason: 'frequency_cap',
    });
  });
});

describe('returnCapSlot', () => {
  it('removes one send of that instant and channel', async () => {
    const store = new MemoryCapWindows();
    store.window = {
      sends: [
        { at: slot.at, channel: 'email' },
        { at: slot.at, channel: 'sms' },
      ],
      version: 4,
    };
    await returnCapSlot(store, slot);
    expect(store.window).toEqual({ sends: [{ at: slot.at, channel: 'sms' }], version: 5 });
  });

  it('does nothing when the send is no longer in the window', async () => {
    const store = new MemoryCapWindows();
    await returnCapSlot(store, slot);
    expect(store.window.version).toBe(0);
  });
});
