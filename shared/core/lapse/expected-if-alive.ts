/**
 * E[(1 − (s/(s + p·t))^ρ) / p] for p ~ Beta(a, β): the expected number of purchases in the next t
 * by a customer who is alive, whose rate has posterior Gamma(ρ, s) and whose drop-out probability
 * has posterior Beta(a, β). Fader, Hardie & Lee write it as
 *   (a+β−1)/(a−1) · [1 − (s/(s+t))^ρ · ₂F₁(ρ, β; a+β−1; z)],  z = t/(s+t),
 * whose ₂F₁ has c − a − b = a − 1 − ρ, very negative for a frequent buyer: it grows like
 * (1 − z)^(a−1−ρ) and overflows (1e28 at x = 100, ∞ at x = 5,000 in the Python reference). Euler's
 * transformation ₂F₁(A, B; C; z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) cancels that growth exactly:
 *   (s/(s+t))^ρ · ₂F₁(…) = (1−z)^(a−1) · ₂F₁(a+β−1−ρ, a−1; a+β−1; z),
 * a series whose terms shrink fastest precisely when ρ and β are large. Splitting off the n = 0
 * term also removes the 1/(a−1) singularity at a = 1:
 *   result = (a+β−1) · [ (1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1) · Σ_{n≥1} (A)_n (a)_{n−1} zⁿ / ((C)_n n!) ]
 * with A = a+β−1−ρ and C = a+β−1.
 */
export function expectedIfAlive(
  rho: number,
  s: number,
  a: number,
  beta: number,
  t: number,
): number {
  if (t <= 0) return 0;
  const logOneMinusZ = -Math.log1p(t / s);
  const z = t / (s + t);
  const bm1 = a - 1;
  const power = Math.exp(bm1 * logOneMinusZ);
  const head = bm1 === 0 ? -logOneMinusZ : -Math.expm1(bm1 * logOneMinusZ) / bm1;
  const C = a + beta - 1;
  const A = C - rho;
  let term = (A * z) / C;
  let sum = term;
  for (let n = 1; n < MAX_TERMS && Math.abs(term) > 1e-16 * Math.abs(sum); n += 1) {
    term *= ((A + n) * (a + n - 1) * z) / ((C + n) * (n + 1));
    sum += term;
  }
  return Math.max(0, C * (head - power * sum));
}

// z = t/(s+t) < 1 always; the series needs about 37/−ln z terms, so this cap only matters when the
// horizon is hundreds of times the customer's observed time, where the result is capped by ρt/s.
const MAX_TERMS = 100_000;
