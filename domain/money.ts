/**
 * Money is always an integer number of centavos (PHP). No floats in money
 * paths: every division here rounds explicitly, half-up.
 */
export type Centavos = number;

/** round(numerator / denominator), halves rounded up; both non-negative integers. */
export function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The VAT share of a VAT-inclusive amount: round(total * 12 / 112). */
export function vatShare(total: Centavos): Centavos {
  return divideHalfUp(total * 12, 112);
}

/** percent% of an amount, half-up. percent is a whole number 0..100. */
export function percentOf(amount: Centavos, percent: number): Centavos {
  return divideHalfUp(amount * percent, 100);
}

/** "1,234.50" style, for human messages only (never for computing). */
export function formatPeso(amount: Centavos): string {
  const pesos = Math.floor(amount / 100).toLocaleString('en-US');
  return `₱${pesos}.${String(amount % 100).padStart(2, '0')}`;
}
