/**
 * Prometheus metrics of the HTTP layer: requests counted and timed by
 * method, route (the route's pattern, never the raw URL, so the label set
 * stays bounded) and status.
 */

const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

interface Series {
  readonly labels: string
  count: number
  sum: number
  readonly counts: Array<number>
}

const escapeLabel = (v: string) =>
  v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")

export class Registry {
  private readonly series = new Map<string, Series>()
  /** The series by method, route and status: a request finds its own without writing its labels. */
  private readonly byLabels = new Map<string, Map<string, Map<number, Series>>>()

  /** Count one request and its duration in seconds. */
  observe(method: string, route: string, status: number, seconds: number): void {
    let byRoute = this.byLabels.get(method)
    if (byRoute === undefined) {
      byRoute = new Map()
      this.byLabels.set(method, byRoute)
    }
    let byStatus = byRoute.get(route)
    if (byStatus === undefined) {
      byStatus = new Map()
      byRoute.set(route, byStatus)
    }
    let s = byStatus.get(status)
    if (s === undefined) {
      const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`
      s = this.series.get(labels)
      if (s === undefined) {
        s = { labels, count: 0, sum: 0, counts: buckets.map(() => 0) }
        this.series.set(labels, s)
      }
      byStatus.set(status, s)
    }
    s.count++
    s.sum += seconds
    for (let i = 0; i < buckets.length; i++) {
      const bound = buckets[i]
      if (bound !== undefined && seconds <= bound) s.counts[i] = (s.counts[i] ?? 0) + 1
    }
  }

  /** The text exposition format (version 0.0.4). */
  text(): string {
    const lines = [
      "# HELP http_requests_total HTTP requests by method, route and status.",
      "# TYPE http_requests_total counter",
    ]
    for (const s of this.series.values()) lines.push(`http_requests_total{${s.labels}} ${s.count}`)
    lines.push(
      "# HELP http_request_duration_seconds HTTP request latency by method, route and status.",
      "# TYPE http_request_duration_seconds histogram",
    )
    for (const s of this.series.values()) {
      buckets.forEach((bound, i) => {
        lines.push(
          `http_request_duration_seconds_bucket{${s.labels},le="${bound}"} ${s.counts[i] ?? 0}`,
        )
      })
      lines.push(`http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`)
      lines.push(`http_request_duration_seconds_sum{${s.labels}} ${s.sum}`)
      lines.push(`http_request_duration_seconds_count{${s.labels}} ${s.count}`)
    }
    return `${lines.join("\n")}\n`
  }
}
