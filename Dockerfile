# One image for every part of the federation; docker-compose.yml picks the entry point per service.
# Built in two stages: the first compiles TypeScript (npm run build), the second holds only the
# compiled JavaScript and production dependencies, and runs as the unprivileged `node` user.

FROM node:24-slim AS build
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:24-slim
# tini as PID 1: forwards SIGTERM to node (which drains, see README Operations) and reaps zombies.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1 NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# Development keys (the demo token issuer) live here when NODE_ENV is not production.
# The caller-signing pair's volumes (compose) take this ownership, so `node` can write and read them.
RUN mkdir -p /app/dist/.data /keys/private /keys/public && chown node:node /app/dist/.data /keys/private /keys/public
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/gateway/main.js"]
# The gateway's readiness by default; compose gives each department its own URL.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/scripts/healthcheck.js"]
