import type { Centavos } from './money';

export type IslandGroup = 'metro_manila' | 'luzon' | 'visayas' | 'mindanao';

/** Every business threshold (docs/domain.md "(config)"), with the spec's defaults. */
export interface RulesConfig {
  maxLineItems: number;
  maxQuantity: number;
  orderTotalLimitCentavos: Centavos;
  codLimitCentavos: Centavos;
  verificationCodThresholdCentavos: Centavos;
  newAccountHighValueCentavos: Centavos;
  newAccountAgeHours: number;
  velocityPerCustomerPerHour: number;
  velocityPerIpPerHour: number;
  duplicateWindowMinutes: number;
  shippingFeeCentavos: Record<IslandGroup, Centavos>;
  freeShippingThresholdCentavos: Centavos;
  tierThresholdsCentavos: { silver: Centavos; gold: Centavos; platinum: Centavos };
}

export const DEFAULT_RULES: RulesConfig = {
  maxLineItems: 50,
  maxQuantity: 100,
  orderTotalLimitCentavos: 100_000_000,
  codLimitCentavos: 10_000_000,
  verificationCodThresholdCentavos: 5_000_000,
  newAccountHighValueCentavos: 2_000_000,
  newAccountAgeHours: 24,
  velocityPerCustomerPerHour: 10,
  velocityPerIpPerHour: 30,
  duplicateWindowMinutes: 10,
  shippingFeeCentavos: { metro_manila: 10_000, luzon: 15_000, visayas: 20_000, mindanao: 22_000 },
  freeShippingThresholdCentavos: 150_000,
  tierThresholdsCentavos: { silver: 1_000_000, gold: 5_000_000, platinum: 20_000_000 },
};
