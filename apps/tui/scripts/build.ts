/**
 * Bundles the TUI into dist/ with esbuild: one ESM entry that starts fast
 * under plain node (no TypeScript loader), the store split into its own
 * chunk that is loaded only when the subscriptions screen asks for it.
 */
import { createRequire } from "node:module"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

export const root = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "..")
export const entry = Path.join(root, "dist", "main.js")

/**
 * better-sqlite3 is native and stays outside the bundle, but it is a
 * dependency of the store's SQLite driver, not of this package: point the
 * bundle at the copy that driver resolves, by absolute path.
 */
const betterSqlite3 = (): string => {
  const fromStore = createRequire(
    createRequire(Path.join(root, "package.json")).resolve("@crm-cost/store/Database"),
  )
  const driver = fromStore.resolve("@effect/sql-sqlite-node/SqliteClient")
  return createRequire(driver).resolve("better-sqlite3")
}

const nativeOutside: esbuild.Plugin = {
  name: "native-outside",
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite3(), external: true }))
  },
}

/** Bundle into `outdir` (relative to the package; default dist) and return the entry's path. */
export const build = async (outdir = "dist"): Promise<string> => {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["src/main.tsx"],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Native or optional modules stay outside the bundle.
    external: ["pg-native", "react-devtools-core"],
    plugins: [nativeOutside],
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  })
  return Path.join(root, outdir, "main.js")
}

if (
  process.argv[1] !== undefined &&
  Path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await build()
}
