/**
 * The worker's composition root: `tsx src/main.ts` runs on the schedule,
 * `tsx src/main.ts --once` runs once and exits (system cron, Kubernetes CronJob).
 */

import * as Runtime from "./runtime.js"
import * as Worker from "./Worker.js"

if (process.argv.includes("--once")) {
  Runtime.runOnce(Worker.once)
} else {
  Runtime.launch(Worker.layer)
}
