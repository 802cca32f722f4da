import { defineConfig } from "vitest/config"

export default defineConfig({
  // Screen tests type key by key and the smoke tests drive a real terminal: generous bounds.
  test: { include: ["test/**/*.test.{ts,tsx}"], testTimeout: 60_000, hookTimeout: 60_000 },
})
