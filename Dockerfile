# The gateway in a container, built and started with the commands CI and the README use: npm ci, npm run build,
# npm start. Without EPMM_URL it serves the embedded simulator; set EPMM_URL (and the rest of the README's settings)
# to front a real EPMM.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    AUDIT_LOG_FILE=/app/data/audit.jsonl

WORKDIR /app
# The package files first, so the dependency layer is reused while only the sources change. npm ci installs the
# devDependencies too: the build (esbuild) and `npm start`'s staleness check need them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --include=dev
COPY . .
RUN npm run build \
  && mkdir -p /app/data \
  && chown -R node:node /app/data /app/dist

# The audit trail and the generated gateway secret live in data/; mount a volume there to keep them.
VOLUME ["/app/data"]
USER node
EXPOSE 4000
CMD ["npm", "start"]
