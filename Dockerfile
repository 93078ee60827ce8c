# syntax=docker/dockerfile:1
#
# logto-account-service: multi-stage build on Node 24 (Debian bookworm, slim).
#   docker build -t ghcr.io/logto-account-service/logto-account-service:0.1.0 \
#     --build-arg GIT_COMMIT=$(git rev-parse HEAD) --build-arg VERSION=0.1.0 .
#   docker run --env-file .env -p 127.0.0.1:3000:3000 --stop-timeout 30 \
#     ghcr.io/logto-account-service/logto-account-service:0.1.0
#
# The base image is pinned to an exact Node release and its multi-arch index digest, so a rebuild gets the same
# bytes. To update it (every Node 24 security release), see docs/deployment.md, "Updating the base image":
#   docker buildx imagetools inspect node:24.x.y-bookworm-slim    # prints the index digest
ARG NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:2fe369e969550cde8e867afc3fe370b260140cab4a23d467074295b42163d553

# ---------------------------------------------------------------------------
# Build: all dependencies, then `npm run build`: `nest build` (TypeScript + the Swagger CLI plugin) into dist/ and the
# single-file bundle dist/server.js (scripts/bundle.mjs) that the image starts.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# --ignore-scripts: the image already runs Node 24, so the `node` devDependency (which downloads a
# Node 24 binary for hosts that only have Node 20) must not install; with its install script
# skipped, npm links no node_modules/.bin/node and `npm run` uses the image's node. The other
# install scripts in the tree (@parcel/watcher's native fallback, @scarf/scarf's telemetry) are
# not needed for `nest build`.
# Logto's Management API types (packages/logto-api-types) are a types-only workspace package that `nest build`
# checks against: it is copied before `npm ci` so that npm links it; nothing of it is in dist/ (`import type` only).
COPY package.json package-lock.json ./
COPY packages/logto-api-types ./packages/logto-api-types
# The manifests of the two workspace packages the account center is built from, so npm ci installs their
# dependencies (Vite, Preact, @logto/browser) and links them.
COPY packages/client/package.json ./packages/client/
COPY packages/account-center/package.json ./packages/account-center/
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
# `npm run build` = `nest build`, then this script bundles dist/main.js into the single file dist/server.js
# (start-up: one file to load instead of ~2,700). The packages it leaves external stay in node_modules below.
COPY scripts/bundle.mjs ./scripts/
# The Logto emulator is a separate workspace package (packages/logto-emulator) that this image never copies;
# `npm run check:build` proves dist/ holds none of its code. The OpenAPI writer (dist/tools) stays here.
RUN npm run build \
  && rm -rf dist/tools

# The account center (issue #21): a static single-page app on the typed client. Only its built files reach the
# runtime stage, where the service serves them at /account when ACCOUNT_CENTER_ENABLED=true.
COPY packages/client ./packages/client
COPY packages/account-center ./packages/account-center
RUN npm run build --workspace @logto-account-service/client \
  && npm run build:account-center

# ---------------------------------------------------------------------------
# Runtime: production dependencies and dist/ only, run as the image's unprivileged `node` user.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# Set by the release build (docs/deployment.md, "Releases"); GIT_COMMIT is reported by GET /health/live
# and the app_build_info metric.
ARG VERSION=0.0.0-dev
ARG GIT_COMMIT=unknown
LABEL org.opencontainers.image.title="logto-account-service" \
      org.opencontainers.image.description="Self-service account API for apps built on Logto" \
      org.opencontainers.image.source="https://github.com/logto-account-service/logto-account-service" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_COMMIT}" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"

ENV NODE_ENV=production
ENV GIT_COMMIT=${GIT_COMMIT}
# V8 sizes its young generation from the host's memory, up to 64 MiB per semi-space on a large host:
# that alone added ~110 MiB to the peak RSS under load, for no measurable throughput (npm run bench,
# which starts the service with exactly these options). See docs/deployment.md, "Memory".
ENV NODE_OPTIONS="--max-semi-space-size=4"
WORKDIR /app

# Production dependencies only. --omit=optional also drops TypeScript, which @nestjs/swagger lists as an
# optional peer for its build-time plugin (24 MB; the lockfile marks it devOptional). Install scripts stay
# off: none of the production dependencies needs one today (@scarf/scarf's only sends telemetry); revisit
# if a native module is added.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

COPY --from=build /app/dist ./dist
# Static files only (index.html, assets/): ACCOUNT_CENTER_DIR's default, relative to this working directory.
COPY --from=build /app/packages/account-center/dist ./packages/account-center/dist

# Files stay owned by root and read-only for the process. The numeric id (the `node` user of
# the official image) lets Kubernetes verify `runAsNonRoot` without resolving a user name.
USER 1000:1000

EXPOSE 3000

# Slim images have no curl or wget: probe with node itself (global fetch). PORT is read so the
# check follows a non-default port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node as PID 1 receives SIGTERM directly. Shutdown takes at most SHUTDOWN_TIMEOUT_MS (default 10 s) to
# drain plus 5 s to flush traces: stop the container with a longer timeout than Docker's default 10 s
# (docker run --stop-timeout 30; compose: stop_grace_period: 30s; Kubernetes: see deploy/kubernetes).
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.js"]
