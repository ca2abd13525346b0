import { normalizePhilippineMobile } from '../../domain/phone';
import { insertCustomer, listCustomers, readCustomer, updateCustomer } from '../../store/customer-store';
import { requireAdmin } from '../auth';
import type { ApiDeps, App } from '../context';
import { conflictOnDuplicate } from '../duplicate-conflict';
import { Problem } from '../problem';
import { CustomerPatch, NewCustomer } from '../schemas/catalogue';
import { cursorFrom, ListQuery, pageHeaders } from '../schemas/page';
import { IdParams } from '../schemas/common';
import { CustomerPage, CustomerView } from '../schemas/catalogue-view';
import { OFFSET_PAGE_HEADERS, operation } from '../openapi/operation';

/** An empty phone clears it; any other must be a Philippine mobile number, stored as E.164. */
function phoneOf(raw: string | undefined): string | null {
  if (!raw) return null;
  const phone = normalizePhilippineMobile(raw);
  if (!phone.ok) throw new Problem('VALIDATION_ERROR', 'phone is not a Philippine mobile number', [{ code: 'INVALID_PHONE', field: 'phone', message: 'Use 09XXXXXXXXX or +639XXXXXXXXX', severity: 'error' }]);
  return phone.e164;
}

/** Customer administration (admin only). */
export function customerRoutes(app: App, { db }: ApiDeps): void {
  const doc = (spec: Omit<Parameters<typeof operation>[0], 'tags' | 'access'>) => operation({ ...spec, tags: ['catalogue'], access: 'admin' });
  const customerOr404 = async (id: string) => (await readCustomer(db, id)) ?? Promise.reject(new Problem('CUSTOMER_NOT_FOUND', `Customer ${id} not found`));

  app.post('/v1/customers', { config: { admin: true }, schema: { ...doc({ operationId: 'createCustomer', summary: 'Create a customer', ok: { status: 201, schema: CustomerView, description: 'The customer' }, problems: ['VALIDATION_ERROR', 'CONFLICT'] }), body: NewCustomer } }, async (req, reply) => {
    await requireAdmin(req);
    const b = req.body;
    const id = await insertCustomer(db, { ...b, phone: phoneOf(b.phone) }).catch(conflictOnDuplicate(`A customer with e-mail ${b.email} already exists`));
    return reply.status(201).send(await customerOr404(id));
  });

  app.get('/v1/customers', { config: { admin: true }, schema: { ...doc({ operationId: 'listCustomers', summary: 'List customers, newest first', ok: { schema: CustomerPage, description: 'One page of customers', headers: OFFSET_PAGE_HEADERS }, problems: ['VALIDATION_ERROR'] }), querystring: ListQuery } }, async (req, reply) => {
    await requireAdmin(req);
    const { limit, cursor, offset } = req.query;
    const page = await listCustomers(db, { limit, cursor: cursorFrom(cursor), offset });
    pageHeaders(req, reply, page, offset !== undefined);
    return page;
  });

  app.get('/v1/customers/:id', { config: { admin: true }, schema: { ...doc({ operationId: 'getCustomer', summary: 'Get a customer with their tier and totals', ok: { schema: CustomerView, description: 'The customer' }, problems: ['VALIDATION_ERROR', 'CUSTOMER_NOT_FOUND'] }), params: IdParams } }, async (req) => {
    await requireAdmin(req);
    return customerOr404(req.params.id);
  });

  app.patch('/v1/customers/:id', { config: { admin: true }, schema: { ...doc({ operationId: 'updateCustomer', summary: 'Change a customer', ok: { schema: CustomerView, description: 'The customer after the change' }, problems: ['VALIDATION_ERROR', 'CUSTOMER_NOT_FOUND', 'CONFLICT'] }), params: IdParams, body: CustomerPatch } }, async (req) => {
    await requireAdmin(req);
    await customerOr404(req.params.id);
    const { phone, ...rest } = req.body;
    await updateCustomer(db, req.params.id, { ...rest, ...(phone !== undefined && { phone: phoneOf(phone) }) }).catch(conflictOnDuplicate('That e-mail already exists'));
    return customerOr404(req.params.id);
  });
}
