import type { PaymentsConfig } from '../config';
import { gatewayProvider } from './gateway-provider';
import type { PaymentProvider } from './payment-provider';

/** The configured gateway, or null when PAYMENT_PROVIDER_URL is unset (online orders then wait for staff). */
export function providerFrom(cfg: PaymentsConfig): PaymentProvider | null {
  if (!cfg.providerUrl) return null;
  return gatewayProvider({ url: cfg.providerUrl, secretKey: cfg.secretKey, webhookSecret: cfg.webhookSecret, toleranceSeconds: cfg.webhookToleranceSeconds });
}
