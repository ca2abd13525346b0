import { normalizePhilippineMobile } from '../../domain/phone';
import { insertCustomer, listCustomers, readCustomer, updateCustomer } from '../../store/customer-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { conflictOnDuplicate } from '../duplicate-conflict';
import { Problem } from '../problem';
import { CustomerPatch, ListQuery, NewCustomer } from '../schemas/catalogue';
import { bearer, IdParams } from '../schemas/common';

/** An empty phone clears it; any other must be a Philippine mobile number, stored as E.164. */
function phoneOf(raw: string | undefined): string | null {
  if (!raw) return null;
  const phone = normalizePhilippineMobile(raw);
  if (!phone.ok) throw new Problem('VALIDATION_ERROR', 'phone is not a Philippine mobile number', [{ code: 'INVALID_PHONE', field: 'phone', message: 'Use 09XXXXXXXXX or +639XXXXXXXXX', severity: 'error' }]);
  return phone.e164;
}

/** Customer administration (admin only). */
export function customerRoutes(app: App, { db }: ApiDeps): void {
  const tags = ['catalogue'];
  const customerOr404 = async (id: string) => (await readCustomer(db, id)) ?? Promise.reject(new Problem('CUSTOMER_NOT_FOUND', `Customer ${id} not found`));

  app.post('/v1/customers', { config: { admin: true }, schema: { tags, security: bearer, body: NewCustomer } }, async (req, reply) => {
    await requireAdmin(req);
    const b = req.body;
    const id = await insertCustomer(db, { ...b, phone: phoneOf(b.phone) }).catch(conflictOnDuplicate(`A customer with e-mail ${b.email} already exists`));
    return reply.status(201).send(await customerOr404(id));
  });

  app.get('/v1/customers', { config: { admin: true }, schema: { tags, security: bearer, querystring: ListQuery } }, async (req) => {
    await requireAdmin(req);
    return { data: await listCustomers(db, req.query) };
  });

  app.get('/v1/customers/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return customerOr404(req.params.id);
  });

  app.patch('/v1/customers/:id', { config: { admin: true }, schema: { tags, security: bearer, params: IdParams, body: CustomerPatch } }, async (req) => {
    await requireAdmin(req);
    await customerOr404(req.params.id);
    const { phone, ...rest } = req.body;
    await updateCustomer(db, req.params.id, { ...rest, ...(phone !== undefined && { phone: phoneOf(phone) }) }).catch(conflictOnDuplicate('That e-mail already exists'));
    return customerOr404(req.params.id);
  });
}
