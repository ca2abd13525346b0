import { z } from 'zod';
import { buildOfflineApp } from '../../api/openapi/document';
import { operation } from '../../api/openapi/operation';
import { Problem } from '../../api/problem';

const Thing = z.strictObject({ id: z.string(), name: z.string() });

async function appWith(handler: () => unknown) {
  const offline = await buildOfflineApp();
  offline.app.get(
    '/thing',
    { schema: operation({ operationId: 'getThing', summary: 'A thing', tags: ['service'], access: 'public', probe: true, ok: { schema: Thing, description: 'The thing' }, problems: ['CONFLICT'] }) },
    async () => handler(),
  );
  return offline;
}

describe('responses are checked against their documented schemas', () => {
  it('sends a response that matches its schema as it is', async () => {
    const { app, close } = await appWith(() => ({ id: 't1', name: 'Thing' }));
    const res = await app.inject({ method: 'GET', url: '/thing' });
    await close();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 't1', name: 'Thing' });
  });

  it('refuses to send a field the schema does not list, answering 500 without the field', async () => {
    const { app, close } = await appWith(() => ({ id: 't1', name: 'Thing', clientIp: '10.0.0.7' }));
    const res = await app.inject({ method: 'GET', url: '/thing' });
    await close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
    expect(res.body).not.toContain('10.0.0.7');
  });

  it('refuses to send a success body missing a documented field', async () => {
    const { app, close } = await appWith(() => ({ id: 't1' }));
    const res = await app.inject({ method: 'GET', url: '/thing' });
    await close();
    expect(res.statusCode).toBe(500);
  });

  it('sends a documented problem code as problem+json', async () => {
    const { app, close } = await appWith(() => Promise.reject(new Problem('CONFLICT', 'taken')));
    const res = await app.inject({ method: 'GET', url: '/thing' });
    await close();
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', detail: 'taken' });
  });

  it('refuses to send a problem code the operation does not declare at that status', async () => {
    const { app, close } = await appWith(() => Promise.reject(new Problem('STOCK_BELOW_RESERVED', 'undeclared')));
    const res = await app.inject({ method: 'GET', url: '/thing' });
    await close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses to send a problem at a status the operation does not declare', async () => {
    const { app, close } = await appWith(() => Promise.reject(new Problem('ORDER_NOT_FOUND', 'undeclared status')));
    const res = await app.inject({ method: 'GET', url: '/thing' });
    await close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
  });
});
