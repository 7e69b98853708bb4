# One image for every part of the federation; docker-compose.yml picks the entry point per service.
FROM node:20-slim
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1 NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
# Development keys (caller signing, the dev token issuer) live here when NODE_ENV is not production.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
