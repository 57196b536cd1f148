# syntax=docker/dockerfile:1
#
# CuePal 球伴: one image for every role (ROLE=all | web | worker).
#
#   docker build -t cuepal .
#   docker run --rm --env-file .env cuepal node build/server-entry/migrate-cli.js   # before each rollout
#   docker run -d --env-file .env -p 3000:3000 --stop-timeout 30 cuepal
#
# Behind a slow link to the default registry, build with a mirror:
#   docker build --build-arg NPM_CONFIG_REGISTRY=https://registry.npmmirror.com -t cuepal .
#
# tests/integration/image-recipe.integration.test.ts reads this file and replays its npm steps,
# COPY lines, ENV, HEALTHCHECK and CMD in a temporary folder, so a broken recipe fails CI even
# where Docker cannot run. Keep every step in the forms that test understands (see its header).
#

FROM node:24-slim AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# ---- build: every dependency (the React Router and Vite toolchain are dev dependencies) ----
FROM base AS build
ARG NPM_CONFIG_REGISTRY=https://registry.npmjs.org/
COPY package.json package-lock.json ./
# The `node` devDependency pins Node 24 for npm scripts outside the image; its install script needs
# the registry, so this install keeps its scripts (the allowScripts list in package.json says which).
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

# ---- deps: production dependencies only ----
# --omit=dev leaves out the `node` pin (the base image brings Node 24), the build toolchain, tsx
# (the server is compiled) and the embedded PostgreSQL (production always has DATABASE_URL).
FROM base AS deps
ARG NPM_CONFIG_REGISTRY=https://registry.npmjs.org/
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- runtime ----
FROM base AS runtime
ENV APP_ENV=production NODE_ENV=production ROLE=all PORT=3000 HOST=0.0.0.0 DATA_DIR=/app/.data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY package.json package-lock.json ./
COPY public ./public
# The code stays owned by root (read-only for the app); only the data folder is writable.
# 1000 is the base image's `node` user, given by number so Kubernetes' runAsNonRoot can check it.
RUN mkdir -p /app/.data && chown 1000:1000 /app/.data
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
# curl is not in the slim image: Node's fetch asks /livez. A worker has no HTTP server.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD node -e "if (process.env.ROLE === 'worker') process.exit(0); fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/livez', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# node itself is PID 1 (not npm), so SIGTERM reaches the server's drain at once. The same program
# as `npm start`, compiled to JavaScript by `npm run build` (no TypeScript loader in production);
# ROLE picks web, worker or both. Production does not migrate on start: run
# `node build/server-entry/migrate-cli.js` as its own step, or set MIGRATE_ON_START=1.
CMD ["node", "build/server-entry/start.js"]
