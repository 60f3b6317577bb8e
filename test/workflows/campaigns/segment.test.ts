import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lapseState, matchesSegment, Segment } from '../../../workflows/campaigns/segment';
import { aProfile } from './fixtures';

const TODAY = '2026-11-23';

describe('matchesSegment', () => {
  it('matches everyone when the segment is empty', () => {
    expect(matchesSegment(aProfile(), {}, TODAY)).toBe(true);
    expect(matchesSegment(aProfile({ lapse: null, tags: [] }), {}, TODAY)).toBe(true);
  });

  describe('tags', () => {
    const profile = aProfile({ tags: ['vip', 'cà phê'] });
    it('needs every tag of `all`', () => {
      expect(matchesSegment(profile, { tags: { all: ['vip', 'cà phê'] } }, TODAY)).toBe(true);
      expect(matchesSegment(profile, { tags: { all: ['vip', 'trà'] } }, TODAY)).toBe(false);
    });
    it('needs one tag of `any`', () => {
      expect(matchesSegment(profile, { tags: { any: ['trà', 'vip'] } }, TODAY)).toBe(true);
      expect(matchesSegment(profile, { tags: { any: ['trà'] } }, TODAY)).toBe(false);
    });
    it('compares tags as the profile stores them (NFC, trimmed)', () => {
      const segment = Segment.parse({ tags: { all: [' cà phê '.normalize('NFD')] } });
      expect(matchesSegment(profile, segment, TODAY)).toBe(true);
    });
  });

  it('keeps order count and total spent within inclusive bounds', () => {
    const profile = aProfile();
    expect(matchesSegment(profile, { orderCount: { min: 2, max: 2 } }, TODAY)).toBe(true);
    expect(matchesSegment(profile, { orderCount: { min: 3 } }, TODAY)).toBe(false);
    expect(matchesSegment(profile, { totalSpent: { max: 299_999 } }, TODAY)).toBe(false);
    expect(matchesSegment(profile, { totalSpent: { min: 300_000 } }, TODAY)).toBe(true);
  });

  it('matches the last-order day range, and never someone who never bought', () => {
    const range = { lastOrderDay: { from: '2026-07-01', to: '2026-08-01' } };
    expect(matchesSegment(aProfile(), range, TODAY)).toBe(true);
    expect(
      matchesSegment(
        aProfile({ aggregates: { ...aProfile().aggregates, lastPurchaseDay: '2026-08-02' } }),
        range,
        TODAY,
      ),
    ).toBe(false);
    const never = aProfile({
      aggregates: {
        ...aProfile().aggregates,
        orderCount: 0,
        lastPurchaseDay: null,
        lastOrderAt: null,
      },
    });
    expect(matchesSegment(never, range, TODAY)).toBe(false);
  });

  it('tells due, not due and never bought apart', () => {
    expect(lapseState(aProfile({ lapse: { dueDay: TODAY } }), TODAY)).toBe('due');
    expect(lapseState(aProfile({ lapse: { dueDay: '2026-11-24' } }), TODAY)).toBe('not_due');
    expect(lapseState(aProfile({ lapse: { dueDay: null } }), TODAY)).toBe('not_due');
    expect(lapseState(aProfile({ lapse: null }), TODAY)).toBe('never_bought');
    expect(matchesSegment(aProfile(), { lapse: ['never_bought'] }, TODAY)).toBe(false);
    expect(matchesSegment(aProfile(), { lapse: ['due', 'never_bought'] }, TODAY)).toBe(true);
  });

  it('filters by locale and source', () => {
    expect(matchesSegment(aProfile(), { locales: ['en'] }, TODAY)).toBe(false);
    expect(matchesSegment(aProfile(), { sources: ['shopee', 'tiktok'] }, TODAY)).toBe(true);
  });

  it('is the conjunction of its criteria', () => {
    const criteria: Segment[] = [
      { orderCount: { min: 1 } },
      { locales: ['vi'] },
      { sources: ['zalo'] },
      { tags: { any: ['vip'] } },
      { lapse: ['due'] },
      { totalSpent: { max: 100_000 } },
    ];
    fc.assert(
      fc.property(
        fc.subarray(criteria),
        fc.constantFrom('vi', 'en'),
        fc.constantFrom('shopee', 'zalo'),
        fc.subarray(['vip', 'sỉ']),
        fc.nat(5),
        (chosen, locale, source, tags, orderCount) => {
          const profile = aProfile({
            locale: locale as 'vi' | 'en',
            source: source as 'shopee' | 'zalo',
            tags,
            aggregates: { ...aProfile().aggregates, orderCount },
          });
          const combined = Object.assign({}, ...chosen) as Segment;
          expect(matchesSegment(profile, combined, TODAY)).toBe(
            chosen.every((one) => matchesSegment(profile, one, TODAY)),
          );
        },
      ),
    );
  });

  it('refuses a range whose max is below its min, naming the field', () => {
    const result = Segment.safeParse({ orderCount: { min: 3, max: 1 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['orderCount', 'max']);
  });
});
