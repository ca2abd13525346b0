import type { Centavos } from './money';
import type { PaymentView } from './payments';
import type { OrderStatus, ActorType } from './order-status';
import type { ShippingAddress, OrderSource } from './order-request';

/** The order as docs/api.md shows it; built from the database by activities. */
export interface OrderView {
  id: string;
  status: OrderStatus;
  customerId: string;
  items: {
    productId: string;
    sku: string;
    name: string;
    unitPriceCentavos: Centavos;
    quantity: number;
    lineTotalCentavos: Centavos;
  }[];
  subtotalCentavos: Centavos;
  discountCentavos: Centavos;
  shippingFeeCentavos: Centavos;
  totalCentavos: Centavos;
  vatCentavos: Centavos;
  currency: 'PHP';
  paymentMethod: string;
  promoCode: string | null;
  shippingAddress: ShippingAddress & { psgc?: Record<string, string | null> };
  requiresVerification: boolean;
  warnings: { code: string; message: string; field?: string }[];
  reservationExpiresAt: string | null;
  source: OrderSource;
  carrier: string | null;
  trackingNumber: string | null;
  /** the money side: null until a checkout is opened or money is recorded (docs/payments.md) */
  payment: PaymentView | null;
  createdAt: string;
  updatedAt: string;
}

export interface Actor {
  type: ActorType;
  id: string | null;
}

export interface HistoryEntry {
  from: OrderStatus | null;
  to: OrderStatus;
  actor: Actor;
  reason: string | null;
  at: string;
}
