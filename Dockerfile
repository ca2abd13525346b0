# One image for both production processes: `api` (default) and `worker`.
FROM node:20-bookworm-slim
WORKDIR /app
# better-sqlite3 compiles from source (no prebuilt download): needs a toolchain.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx@4
COPY . .
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
CMD ["npx", "tsx", "api/main.ts"]
