/**
 * Bundles the TUI into dist/ with esbuild: one ESM entry that starts fast
 * under plain node (no TypeScript loader), the store split into its own
 * chunk that is loaded only when the subscriptions screen asks for it.
 */
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

export const root = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "..")
export const entry = Path.join(root, "dist", "main.js")

export const build = () =>
  esbuild.build({
    absWorkingDir: root,
    entryPoints: ["src/main.tsx"],
    outdir: "dist",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Native or optional modules stay outside the bundle.
    external: ["better-sqlite3", "pg-native", "react-devtools-core"],
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  })

if (
  process.argv[1] !== undefined &&
  Path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await build()
}
