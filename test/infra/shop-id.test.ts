import { describe, expect, it } from 'vitest';
import { parseShopId } from '../../infra/shop-id';

describe('parseShopId', () => {
  describe('accepting', () => {
    it.each(['demo', 'an-coffee', 'shop-2024', 'ab', 'a'.repeat(32)])('accepts %s', (value) => {
      expect(parseShopId(value)).toBe(value);
    });
  });

  describe('rejecting', () => {
    it.each(['a', 'a'.repeat(33), 'An-Coffee', 'an_coffee', 'an coffee', 'café', ''])(
      'says what a shop id may contain when given %j',
      (value) => {
        expect(() => parseShopId(value)).toThrow(/lower-case letters, digits and hyphens/);
      },
    );

    it('says how to pass the id when the context value is missing', () => {
      expect(() => parseShopId(undefined)).toThrow(/-c shopId=/);
    });

    it('rejects a value that is not a string', () => {
      expect(() => parseShopId(42)).toThrow(/must be a string/);
    });
  });
});
