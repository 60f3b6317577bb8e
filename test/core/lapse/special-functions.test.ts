import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digamma, logGamma } from '../../../shared/core/lapse/special-functions';

const EULER_GAMMA = 0.5772156649015329;

describe('logGamma', () => {
  it('matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - EULER_GAMMA * 1e-8, 10);
    // ln 170! from the sum of logs.
    let sum = 0;
    for (let k = 2; k <= 170; k += 1) sum += Math.log(k);
    expect(logGamma(171)).toBeCloseTo(sum, 9);
  });

  it('satisfies ln Γ(x + 1) = ln Γ(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
        const tolerance = 1e-12 * Math.max(1, Math.abs(logGamma(x + 1)));
        expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(tolerance * 10);
      }),
    );
  });

  it('refuses non-positive arguments', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });
});

describe('digamma', () => {
  it('matches known values', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.log(2), 13);
    expect(digamma(1e-8)).toBeCloseTo(-1e8 - EULER_GAMMA, 5);
  });

  it('is the derivative of logGamma', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), (x) => {
        const h = 1e-5 * x;
        const numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
        expect(Math.abs(digamma(x) - numeric)).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(digamma(x))),
        );
      }),
    );
  });

  it('satisfies ψ(x + 1) = ψ(x) + 1/x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (x) => {
        expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 9);
      }),
    );
  });
});
