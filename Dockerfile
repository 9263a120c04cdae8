# Concerto server image: builds the client, then runs the TypeScript server with tsx.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY tools/mongo-standin/package.json tools/mongo-standin/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: the server, the shared code and the built client only. Production dependencies of the server
# and shared workspaces (none of the client's libraries, no dev tools, no MongoDB stand-in), no scripts run.
FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/shared ./shared
COPY --from=build /app/server ./server
COPY --from=build /app/client/package.json ./client/package.json
# The stand-in is a dev dependency: only its package.json, so that npm sees the whole workspace.
COPY --from=build /app/tools/mongo-standin/package.json ./tools/mongo-standin/package.json
COPY --from=build /app/client/dist ./client/dist
RUN npm ci --omit=dev --workspace @concerto/server --workspace @concerto/shared --ignore-scripts \
    --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server/scripts/start.mjs"]
