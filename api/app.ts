import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { accessHook, registerAuth } from './auth';
import type { ApiDeps, App } from './context';
import { errorHandler, sendProblem } from './problem';
import { healthRoutes } from './routes/health';
import { orderRoutes } from './routes/orders';
import { catalogueRoutes } from './routes/products';
import { customerRoutes } from './routes/customers';
import { notificationRoutes } from './routes/notifications';
import { metricsPlugin } from './metrics-plugin';
import { orderMetricsRoutes } from './routes/order-metrics';
import { errorRoutes } from './routes/errors';
import { movementRoutes } from './routes/movements';
import { reportRoutes } from './routes/reports';
import { promoRoutes } from './routes/promos';
import { rejectionsReportRoutes } from './routes/rejections-report';
import { staffConsole } from './console/console';
import { registerRateLimits } from './rate-limit';
import { codecRoutes } from './routes/codec';
import { paymentRoutes } from './routes/payments';
import { returnRoutes } from './routes/returns';
import { API_INFO, API_SERVERS, API_TAGS } from './openapi/info';
import { pruneUnusedComponents } from './openapi/prune-components';
import { webhookRoutes } from './routes/webhooks';
import { documentTransform, optionalBodies } from './openapi/transform';

/** The HTTP API: routes validated by zod, documented by the same schemas, errors as problem+json. */
export async function buildApp(deps: ApiDeps & { log: Logger; jwtSecret: string }): Promise<App> {
  const app: App = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    // X-Forwarded-For is believed only from the proxies in TRUST_PROXY: anyone else could claim any address.
    trustProxy: deps.config.http.trustProxy.length ? deps.config.http.trustProxy : false,
    // URLs fastify cannot even route (bad percent-encoding, a path parameter past its length limit): problem+json too.
    frameworkErrors: (err, _req, reply) => sendProblem(reply, err.statusCode ?? 400, 'VALIDATION_ERROR', 'The request URL is not valid'),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler(deps.log));
  // Rate limits first, so a flood of bad tokens is limited too.
  await registerRateLimits(app, deps.config.http.rateLimit);
  app.addHook('onRequest', accessHook);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, 404, 'NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));

  await registerAuth(app, { secret: deps.jwtSecret, maxTokenLifetimeDays: deps.config.auth.maxTokenLifetimeDays });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      servers: API_SERVERS,
      tags: API_TAGS,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, only when it is set' },
        },
      },
      // Every operation names its own security; a route without it would silently inherit nothing.
      security: [{ bearer: [] }],
    },
    transform: documentTransform,
    transformObject: (doc) => optionalBodies(pruneUnusedComponents(jsonSchemaTransformObject(doc))),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, deps);
  orderRoutes(app, deps);
  catalogueRoutes(app, deps);
  customerRoutes(app, deps);
  notificationRoutes(app, deps);
  metricsPlugin(app, deps);
  orderMetricsRoutes(app, deps);
  errorRoutes(app, deps);
  movementRoutes(app, deps);
  reportRoutes(app, deps);
  rejectionsReportRoutes(app, deps);
  promoRoutes(app, deps);
  staffConsole(app, deps);
  codecRoutes(app, deps);
  await paymentRoutes(app, deps);
  returnRoutes(app, deps);
  webhookRoutes(app, deps);
  return app;
}
