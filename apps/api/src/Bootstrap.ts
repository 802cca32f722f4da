/**
 * First start and key management: an empty database gets a default tenant
 * and a key (printed once by main), and `api-key create --tenant NAME`
 * issues a key for a tenant, creating the tenant when it is new.
 */
import * as Ports from "@crm-cost/domain/Ports"
import { Tenant, TenantId } from "@crm-cost/domain/Subscription"
import { DateTime, Effect, Option, type Redacted, Schema } from "effect"
import { feedKeyName } from "./routes/Alerts.js"

export const defaultTenantId = TenantId.make("default")

/** With no tenant at all, create the default one and its first key; none otherwise. */
export const ensureDefaultTenant: Effect.Effect<
  Option.Option<{ readonly tenantId: TenantId; readonly secret: Redacted.Redacted }>,
  never,
  Ports.TenantRepo | Ports.ApiKeyRepo
> = Effect.gen(function* () {
  const tenants = yield* Ports.TenantRepo
  if ((yield* tenants.list).length > 0) return Option.none()
  const created = yield* tenants
    .create(new Tenant({ id: defaultTenantId, name: "Default", createdAt: yield* DateTime.now }))
    .pipe(
      Effect.as(true),
      // Another process created it in the meantime: that one prints the key.
      Effect.catchTag("TenantAlreadyExists", () => Effect.succeed(false)),
    )
  if (!created) return Option.none()
  const keys = yield* Ports.ApiKeyRepo
  const { secret } = yield* Effect.orDie(keys.issue(defaultTenantId, "default"))
  return Option.some({ tenantId: defaultTenantId, secret })
})

export class InvalidTenantName extends Schema.TaggedError<InvalidTenantName>()(
  "InvalidTenantName",
  { name: Schema.String },
) {
  override get message() {
    return `"${this.name}" is not a tenant id: use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit`
  }
}

/** The name `--name` asked for is the one that marks calendar feed tokens. */
export class ReservedKeyName extends Schema.TaggedError<ReservedKeyName>()("ReservedKeyName", {
  name: Schema.String,
}) {
  override get message() {
    return `"${this.name}" is the name of calendar feed tokens: choose another name, or pass --feed for a feed token`
  }
}

/** A new key for a tenant (created when missing); `feed` makes a calendar feed token. */
export const createKey = (
  name: string,
  options: { readonly feed: boolean; readonly label?: string },
) =>
  Effect.gen(function* () {
    const tenantId = yield* Schema.decodeUnknown(TenantId)(name).pipe(
      Effect.mapError(() => new InvalidTenantName({ name })),
    )
    // Feed tokens are told apart by this name: an API key must not carry it.
    if (!options.feed && options.label === feedKeyName) {
      return yield* new ReservedKeyName({ name: feedKeyName })
    }
    const tenants = yield* Ports.TenantRepo
    if (Option.isNone(yield* tenants.get(tenantId))) {
      yield* tenants
        .create(new Tenant({ id: tenantId, name, createdAt: yield* DateTime.now }))
        .pipe(Effect.catchTag("TenantAlreadyExists", () => Effect.void))
    }
    const keys = yield* Ports.ApiKeyRepo
    const { secret } = yield* Effect.orDie(
      keys.issue(tenantId, options.feed ? feedKeyName : (options.label ?? "cli")),
    )
    return { tenantId, secret }
  })
