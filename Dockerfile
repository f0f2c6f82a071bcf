# The bot and worker image: `docker run IMAGE all|bot|worker` (default all). Terminal practice:
# docker run --rm -it --entrypoint node IMAGE dist/adapters/terminal/cli.js

# Build: every dependency (TypeScript included), then `npm run build` compiles to dist/.
FROM node:20-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-build-assets.mjs ./scripts/
COPY src ./src
COPY adapters ./adapters
COPY bin ./bin
RUN npm run build

# Production dependencies only, installed from the lockfile.
FROM node:20-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Runtime: Node, those node_modules, the compiled JavaScript and the bundled data; no sources,
# compilers, npm cache or tests. Files stay root-owned and the process runs as the unprivileged
# `node` user, so it cannot change its own code.
FROM node:20-alpine AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
COPY problems ./problems
COPY rubric ./rubric
USER node
# 3000: Slack's HTTP receiver (PORT); 9464: /healthz, /readyz, /metrics (METRICS_PORT).
EXPOSE 3000 9464
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/bin/mock-interview.js"]
CMD ["all"]
