# syntax=docker/dockerfile:1
# One image for Orderly's production processes, all from the compiled build:
#   API (default)  node dist/api/main.js          (HEALTHCHECK: GET /healthz)
#   worker         node dist/workers/main.js      (loads the prebuilt dist/workflow-bundle.js)
#   migrations     node dist/scripts/migrate.js
# Node 24 LTS, the Node that `npm test` runs on; see docs/operations.md, "Node versions".
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# No compiler: every native module ships prebuilt Node-API binaries (better-sqlite3 13 among them).
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# tsc to dist/ and the workflow bundle; then only the production dependencies stay (the development
# Node from the `node` devDependency goes too: the image runs its own).
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Owned by root, run as node: the process cannot rewrite its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/api/main.js"]
