import fc from 'fast-check';
import { divideHalfUp, formatPeso, percentOf, vatShare } from '../../domain/money';

/** Half-up rounding done exactly in BigInt, to check the integer arithmetic against. */
const halfUpExact = (n: number, d: number): number => {
  const [bn, bd] = [BigInt(n), BigInt(d)];
  const q = bn / bd;
  return Number(2n * (bn % bd) >= bd ? q + 1n : q);
};

describe('money', () => {
  it('divides with halves rounded up', () => {
    expect(divideHalfUp(15, 10)).toBe(2);
    expect(divideHalfUp(14, 10)).toBe(1);
    expect(divideHalfUp(25, 10)).toBe(3);
    expect(divideHalfUp(0, 7)).toBe(0);
  });

  it('divides exactly like half-up rounding for any amount up to a trillion pesos', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000_000 }), fc.integer({ min: 1, max: 10_000 }), (n, d) => divideHalfUp(n, d) === halfUpExact(n, d)),
    );
  });

  it('takes the VAT share of a VAT-inclusive total as round(total * 12 / 112)', () => {
    expect(vatShare(11_200)).toBe(1_200);
    expect(vatShare(85_000)).toBe(9_107); // 9,107.14
    expect(vatShare(14)).toBe(2); // 1.5
    expect(vatShare(0)).toBe(0);
  });

  it('takes a whole percent of an amount, half-up', () => {
    expect(percentOf(12_345, 10)).toBe(1_235);
    expect(percentOf(999, 100)).toBe(999);
    expect(percentOf(999, 0)).toBe(0);
  });

  it('formats pesos with thousands separators and two centavo digits', () => {
    expect(formatPeso(123_456_789)).toBe('₱1,234,567.89');
    expect(formatPeso(5)).toBe('₱0.05');
    expect(formatPeso(100_000_000)).toBe('₱1,000,000.00');
  });
});
