import { z } from 'zod';
import { buildOfflineApp } from '../api/openapi/document';
import { operation } from '../api/openapi/operation';
import { Problem } from '../api/problem';
(async () => {
  const o = await buildOfflineApp();
  o.app.get('/thing', { schema: operation({ operationId: 'getThing', summary: 'A thing', tags: ['service'], access: 'public', probe: true, ok: { schema: z.strictObject({a: z.string()}), description: 'The thing' }, problems: ['CONFLICT'] }) }, async () => { throw new Problem('STOCK_BELOW_RESERVED', 'x'); });
  const r = await o.app.inject({ method: 'GET', url: '/thing' });
  console.log(r.statusCode, r.headers, r.body);
  await o.close();
})();
