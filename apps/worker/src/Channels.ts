/**
 * Where alerts go: a webhook (JSON, signed with HMAC-SHA256 over timestamp
 * and body, the alert key in a header so receivers can drop repeats), e-mail
 * over SMTP (nodemailer; a Message-ID derived from the alert, so mail systems
 * can drop repeats too) and the log. Each third-party promise is wrapped once,
 * here.
 */
import { createHmac } from "node:crypto"
import type { Locale } from "@crm-cost/domain/Messages"
import type { AlertChannel, AlertKey, TenantId } from "@crm-cost/domain/Subscription"
import { Context, Duration, Effect, Layer, Option, Redacted, Schema } from "effect"
import * as Nodemailer from "nodemailer"
import { WorkerConfig } from "./WorkerConfig.js"

/** One alert as a channel sends it: rendered in the tenant's language. */
export interface Outgoing {
  readonly tenantId: TenantId
  readonly key: AlertKey
  readonly alertId: string
  readonly kind: string
  readonly subscriptionId: string
  readonly decidedAt: Date
  readonly attempt: number
  readonly locale: Locale
  readonly subject: string
  readonly text: string
  readonly facts: unknown
}

export class DeliveryFailed extends Schema.TaggedError<DeliveryFailed>()("DeliveryFailed", {
  channel: Schema.String,
  reason: Schema.String,
}) {
  override get message() {
    return `${this.channel}: ${this.reason}`
  }
}

export class Channels extends Context.Tag("@crm-cost/worker/Channels")<
  Channels,
  {
    readonly send: (channel: AlertChannel, alert: Outgoing) => Effect.Effect<void, DeliveryFailed>
  }
>() {}

/** The signature a receiver recomputes: hex HMAC-SHA256 of `${timestamp}.${body}`. */
export const signature = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`

/** The JSON body of a webhook. */
export const webhookBody = (alert: Outgoing): string =>
  JSON.stringify({
    key: alert.key,
    alertId: alert.alertId,
    tenantId: alert.tenantId,
    subscriptionId: alert.subscriptionId,
    kind: alert.kind,
    decidedAt: alert.decidedAt.toISOString(),
    attempt: alert.attempt,
    locale: alert.locale,
    subject: alert.subject,
    text: alert.text,
    facts: alert.facts,
  })

export const make = Effect.gen(function* () {
  const config = yield* WorkerConfig
  const transport = Option.map(config.smtp, (smtp) =>
    Nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(Option.isSome(smtp.user)
        ? {
            auth: {
              user: smtp.user.value,
              pass: Option.match(smtp.password, {
                onNone: () => "",
                onSome: Redacted.value,
              }),
            },
          }
        : {}),
    }),
  )
  yield* Effect.addFinalizer(() => Effect.sync(() => Option.map(transport, (t) => t.close())))

  const webhook = (
    channel: Extract<AlertChannel, { _tag: "Webhook" }>,
    alert: Outgoing,
  ): Effect.Effect<void, DeliveryFailed> =>
    Effect.gen(function* () {
      const name = `webhook ${channel.url}`
      const secret =
        config.webhookSecrets.get(channel.secretRef ?? alert.tenantId) ??
        config.webhookSecrets.get(alert.tenantId)
      if (secret === undefined) {
        return yield* new DeliveryFailed({
          channel: name,
          reason: `no signing secret "${channel.secretRef ?? alert.tenantId}" in WEBHOOK_SECRETS`,
        })
      }
      const body = webhookBody(alert)
      const timestamp = String(Math.floor(Date.now() / 1000))
      const response = yield* Effect.tryPromise({
        try: () =>
          fetch(channel.url, {
            method: "POST",
            headers: {
              "content-type": "application/json; charset=utf-8",
              "x-alert-key": encodeURIComponent(alert.key),
              "x-alert-id": alert.alertId,
              "x-timestamp": timestamp,
              "x-signature": signature(Redacted.value(secret), timestamp, body),
              "x-delivery-attempt": String(alert.attempt),
            },
            body,
            signal: AbortSignal.timeout(Duration.toMillis(config.webhookTimeout)),
          }).then(async (r) => {
            // Drain the body so the connection is reused.
            await r.arrayBuffer().catch(() => undefined)
            return r
          }),
        catch: (cause) => new DeliveryFailed({ channel: name, reason: String(cause) }),
      })
      if (response.status < 200 || response.status >= 300) {
        return yield* new DeliveryFailed({ channel: name, reason: `HTTP ${response.status}` })
      }
    })

  const email = (
    channel: Extract<AlertChannel, { _tag: "Email" }>,
    alert: Outgoing,
  ): Effect.Effect<void, DeliveryFailed> =>
    Effect.gen(function* () {
      const name = `email ${channel.to.join(",")}`
      if (Option.isNone(transport) || Option.isNone(config.smtp)) {
        return yield* new DeliveryFailed({ channel: name, reason: "SMTP_HOST is not set" })
      }
      const smtp = config.smtp.value
      const sender = transport.value
      yield* Effect.tryPromise({
        try: () =>
          sender.sendMail({
            from: smtp.from,
            to: [...channel.to],
            subject: alert.subject,
            text: alert.text,
            messageId: `<${alert.alertId}@crm-cost.alerts>`,
            headers: { "X-Alert-Key": encodeURIComponent(alert.key) },
          }),
        catch: (cause) => new DeliveryFailed({ channel: name, reason: String(cause) }),
      })
    })

  const send = (channel: AlertChannel, alert: Outgoing) => {
    switch (channel._tag) {
      case "Webhook":
        return webhook(channel, alert)
      case "Email":
        return email(channel, alert)
      case "Log":
        return Effect.logInfo(`alert ${alert.key}: ${alert.subject}`).pipe(
          Effect.annotateLogs({ tenant: alert.tenantId, kind: alert.kind }),
        )
    }
  }
  return Channels.of({
    send: (channel, alert) =>
      send(channel, alert).pipe(
        Effect.withSpan("Channels.send", { attributes: { channel: channel._tag, key: alert.key } }),
      ),
  })
})

export const layer = Layer.scoped(Channels, make)
