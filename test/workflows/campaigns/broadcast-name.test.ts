import { describe, expect, it } from 'vitest';
import { defaultBroadcastName } from '../../../workflows/campaigns/create-campaign';

describe('defaultBroadcastName', () => {
  it("names an unnamed broadcast by when it went out, in the shop's language and time", () => {
    const at = '2026-11-23T02:15:00.000Z';
    expect(defaultBroadcastName(at, { locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh' })).toBe(
      'Thông báo sự cố 23/11/2026 09:15',
    );
    expect(defaultBroadcastName(at, { locale: 'en', timeZone: 'Europe/London' })).toBe(
      'Outage broadcast 23/11/2026 02:15',
    );
  });

  it('takes the day from the shop’s zone, not from UTC', () => {
    expect(
      defaultBroadcastName('2026-11-23T18:30:00.000Z', {
        locale: 'vi',
        timeZone: 'Asia/Ho_Chi_Minh',
      }),
    ).toBe('Thông báo sự cố 24/11/2026 01:30');
  });
});
