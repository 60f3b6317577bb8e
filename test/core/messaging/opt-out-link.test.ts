import { describe, expect, it } from 'vitest';
import { optOutLink } from '../../../shared/core/messaging/opt-out-link';

const token = 'AQGiCiWtWpRUa6kBMAz_wVYBawSlSwtdNPuzwFmSHaJeCPiVfOs';

describe('optOutLink', () => {
  it('is the one-click link under the public URL, without a mailto when no mailbox is named', () => {
    expect(optOutLink({ publicBaseUrl: 'https://api.shop.vn/', token, mailbox: null })).toEqual({
      url: `https://api.shop.vn/u/${token}`,
    });
  });

  it('adds a mailto whose subject carries the token', () => {
    const link = optOutLink({
      publicBaseUrl: 'https://api.shop.vn',
      token,
      mailbox: 'huy-dang-ky@shop.vn',
    });
    expect(link.mailto).toBe(`mailto:huy-dang-ky@shop.vn?subject=unsubscribe%20${token}`);
  });
});
