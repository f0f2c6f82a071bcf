# Minimal image for the terminal practice interview; the bot image grows with the Redis/queue work.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY problems ./problems
COPY rubric ./rubric
USER node
ENTRYPOINT ["node", "--import", "tsx", "adapters/terminal/cli.ts"]
