import { z } from 'zod';
import { normalizePhilippineMobile } from '../../domain/phone';
import { listCustomers, readCustomer, updateCustomer } from '../../store/customer-store';
import { listOrders } from '../../store/order-store';
import { parseCursor } from '../../store/keyset-page';
import { isUniqueViolation } from '../../store/unique-violation';
import type { ApiDeps, App } from '../context';
import { CUSTOMER_STATUSES, CustomerPatch } from '../schemas/catalogue';
import { parseForm, type FieldErrors } from './forms';
import { render } from './render';
import { may, signedIn } from './session';

const Params = z.object({ id: z.string().min(1).max(64) });
const Page = z.object({ cursor: z.string().max(200).optional().catch(undefined) });
const PAGE = 100;

/** Customers: list, one customer (orders, total spent, tier, trusted / banned) and its edit form (the API's CustomerPatch; admins). */
export function customerPages(app: App, { db }: ApiDeps): void {
  const detail = async (id: string) => {
    const customer = await readCustomer(db, id);
    if (!customer) return null;
    return { customer, orders: (await listOrders(db, { customerId: id, limit: 50, cursor: null })).data, statuses: CUSTOMER_STATUSES };
  };

  app.get('/admin/customers', { preHandler: signedIn }, async (req, reply) => {
    // A cursor the console did not hand out starts again at the first page.
    const { cursor } = Page.parse(req.query ?? {});
    const page = await listCustomers(db, { limit: PAGE, cursor: cursor ? parseCursor(cursor) : null });
    return render(req, reply, 'customers', { rows: page.data, nextHref: page.nextCursor ? `/admin/customers?cursor=${encodeURIComponent(page.nextCursor)}` : null });
  });

  app.get('/admin/customers/:id', { preHandler: signedIn }, async (req, reply) => {
    const page = await detail(Params.parse(req.params).id);
    if (!page) return render(req, reply, 'not-found', { what: 'that customer' }, 404);
    return render(req, reply, 'customer', { ...page, errors: {}, values: page.customer, flash: null });
  });

  app.post('/admin/customers/:id', { preHandler: [signedIn, app.csrfProtection, may('manage')] }, async (req, reply) => {
    const { id } = Params.parse(req.params);
    const page = await detail(id);
    if (!page) return render(req, reply, 'not-found', { what: 'that customer' }, 404);
    // An unticked checkbox sends nothing: the form always means "trusted or not".
    const form = parseForm(CustomerPatch, req.body, (f) => ({ ...f, trusted: f.trusted === 'on' }));
    const again = (status: number, errors: FieldErrors, values: object) => render(req, reply, 'customer', { ...page, errors, values, flash: null }, status);
    if (!form.ok) return again(400, form.errors, form.values);
    const { phone, ...rest } = form.data;
    let e164: string | null | undefined;
    if (phone !== undefined) {
      const parsed = phone ? normalizePhilippineMobile(phone) : null;
      if (parsed && !parsed.ok) return again(400, { phone: 'Use 09XXXXXXXXX or +639XXXXXXXXX' }, form.data);
      e164 = parsed?.ok ? parsed.e164 : null;
    }
    try {
      await updateCustomer(db, id, { ...rest, ...(e164 !== undefined && { phone: e164 }) });
    } catch (err) {
      if (isUniqueViolation(err)) return again(409, { email: 'Another customer has this e-mail' }, form.data);
      throw err;
    }
    return reply.redirect(`/admin/customers/${encodeURIComponent(id)}`, 303);
  });
}
