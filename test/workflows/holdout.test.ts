import { describe, expect, it } from 'vitest';
import { holdoutPosition, inHoldout } from '../../workflows/holdout';
import { customerNo } from './fixtures';

const customers = Array.from({ length: 20_000 }, (_, n) => customerNo(n));

describe('holdout', () => {
  describe('stability', () => {
    it('puts a customer in the same place every time', () => {
      const id = customerNo(42);
      expect(holdoutPosition('win-back', id)).toBe(holdoutPosition('win-back', id));
      expect(holdoutPosition('win-back', id)).toBeGreaterThanOrEqual(0);
      expect(holdoutPosition('win-back', id)).toBeLessThan(1);
    });

    it('places the same customer independently in different workflows', () => {
      const inBoth = customers.filter(
        (id) => inHoldout('win-back', id, 0.1) && inHoldout('spring-sale', id, 0.1),
      ).length;
      // Independent 10% groups overlap on about 1%, not 10%.
      expect(inBoth / customers.length).toBeLessThan(0.02);
    });
  });

  describe('share', () => {
    it('holds out about the share asked for', () => {
      const held = customers.filter((id) => inHoldout('win-back', id, 0.1)).length;
      expect(held / customers.length).toBeGreaterThan(0.09);
      expect(held / customers.length).toBeLessThan(0.11);
    });

    it('holds out nobody at a share of zero', () => {
      expect(customers.some((id) => inHoldout('win-back', id, 0))).toBe(false);
    });

    it('keeps everyone held out at a smaller share held out at a larger one', () => {
      const atFive = customers.filter((id) => inHoldout('win-back', id, 0.05));
      expect(atFive.every((id) => inHoldout('win-back', id, 0.2))).toBe(true);
    });
  });
});
