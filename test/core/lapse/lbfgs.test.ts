import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type Objective } from '../../../shared/core/lapse/lbfgs';

const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0] as number, x[1] as number];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('minimizeLbfgs', () => {
  describe('smooth problems', () => {
    it('finds the minimum of the Rosenbrock valley', () => {
      const result = minimizeLbfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-9 });
      expect(result.converged).toBe(true);
      expect(result.x[0]).toBeCloseTo(1, 6);
      expect(result.x[1]).toBeCloseTo(1, 6);
      expect(result.iterations).toBeLessThan(100);
    });

    it('solves an ill-conditioned quadratic in 20 dimensions', () => {
      const n = 20;
      const objective: Objective = (x, g) => {
        let f = 0;
        for (let i = 0; i < n; i += 1) {
          const scale = 10 ** (i / 5);
          const d = (x[i] as number) - i;
          f += 0.5 * scale * d * d;
          g[i] = scale * d;
        }
        return f;
      };
      const result = minimizeLbfgs(objective, new Array(n).fill(0), { gradientTolerance: 1e-6 });
      expect(result.converged).toBe(true);
      result.x.forEach((value, i) => expect(value).toBeCloseTo(i, 5));
    });
  });

  describe('domains and bounds', () => {
    it('backs off from points where the function is not finite', () => {
      // −ln x + x has its minimum at x = 1 and no value at x ≤ 0; a long first step overshoots.
      const objective: Objective = (x, g) => {
        const v = x[0] as number;
        g[0] = -1 / v + 1;
        return v > 0 ? -Math.log(v) + v : Number.NaN;
      };
      const result = minimizeLbfgs(objective, [0.01], { gradientTolerance: 1e-10 });
      expect(result.converged).toBe(true);
      expect(result.x[0]).toBeCloseTo(1, 6);
    });

    it('reports a minimum that lies beyond a bound instead of returning it as an optimum', () => {
      const objective: Objective = (x, g) => {
        g[0] = 1;
        return x[0] as number;
      };
      const result = minimizeLbfgs(objective, [0], { lower: [-5], upper: [5] });
      expect(result.converged).toBe(false);
      if (!result.converged) expect(result.reason).toBe('at_bound');
      expect(result.x[0]).toBeGreaterThanOrEqual(-5);
    });

    it('says so when the start is not finite', () => {
      const result = minimizeLbfgs(() => Number.NaN, [0]);
      expect(result).toMatchObject({ converged: false, reason: 'not_finite_at_start' });
    });

    it('says so when it runs out of iterations', () => {
      const result = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
      expect(result).toMatchObject({ converged: false, reason: 'max_iterations' });
    });
  });
});
