import { describe, expect, it } from "@effect/vitest"
import { Registry } from "../src/Metrics.js"

describe("Metrics", () => {
  it("counts requests with the same method, route and status in one series, labels escaped", () => {
    const metrics = new Registry()
    metrics.observe("POST", "/v1/quotes", 200, 0.004)
    metrics.observe("POST", "/v1/quotes", 200, 0.02)
    metrics.observe("POST", "/v1/quotes", 422, 0.001)
    metrics.observe("GET", 'odd"route\\', 200, 3)
    const text = metrics.text()
    expect(text).toContain('http_requests_total{method="POST",route="/v1/quotes",status="200"} 2\n')
    expect(text).toContain('http_requests_total{method="POST",route="/v1/quotes",status="422"} 1\n')
    expect(text).toContain(
      'http_requests_total{method="GET",route="odd\\"route\\\\",status="200"} 1\n',
    )
    expect(text).toContain(
      'http_request_duration_seconds_bucket{method="POST",route="/v1/quotes",status="200",le="0.005"} 1\n',
    )
    expect(text).toContain(
      'http_request_duration_seconds_bucket{method="POST",route="/v1/quotes",status="200",le="0.025"} 2\n',
    )
    expect(text).toContain(
      'http_request_duration_seconds_sum{method="POST",route="/v1/quotes",status="200"} 0.024\n',
    )
    expect(text.match(/^http_requests_total\{/gm)).toHaveLength(3)
  })
})
