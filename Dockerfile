# syntax=docker/dockerfile:1
#
# logto-account-service: multi-stage build on Node 24 (Debian bookworm, slim).
#   docker build -t logto-account-service .
#   docker run --env-file .env -p 3000:3000 logto-account-service

ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------
# Build: all dependencies, then `nest build` (TypeScript + the Swagger CLI plugin) into dist/.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# --ignore-scripts: the image already runs Node 24, so the `node` devDependency (which downloads a
# Node 24 binary for hosts that only have Node 20) must not install; with its install script
# skipped, npm links no node_modules/.bin/node and `npm run` uses the image's node. The other
# install scripts in the tree (@parcel/watcher's native fallback, @scarf/scarf's telemetry) are
# not needed for `nest build`.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build

# ---------------------------------------------------------------------------
# Runtime: production dependencies and dist/ only, run as the image's unprivileged `node` user.
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# V8 sizes its young generation from the host's memory, up to 64 MiB per semi-space on a large host:
# that alone added ~110 MiB to the peak RSS under load, for no measurable throughput (npm run bench,
# which starts the service with exactly these options). See docs/deployment.md, "Memory".
ENV NODE_OPTIONS="--max-semi-space-size=4"
WORKDIR /app

# Production dependencies only. Install scripts stay off: none of the production dependencies
# needs one today (@scarf/scarf's only sends telemetry); revisit if a native module is added.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm cache clean --force

COPY --from=build /app/dist ./dist

# Files stay owned by root and read-only for the process. The numeric id (the `node` user of
# the official image) lets Kubernetes verify `runAsNonRoot` without resolving a user name.
USER 1000:1000

EXPOSE 3000

# Slim images have no curl or wget: probe with node itself (global fetch). PORT is read so the
# check follows a non-default port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node as PID 1 receives SIGTERM directly; the service shuts down gracefully within
# SHUTDOWN_TIMEOUT_MS (default 10 s), so give the container a longer stop timeout than that.
CMD ["node", "dist/main.js"]
