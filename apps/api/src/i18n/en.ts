/** The API's own texts in English. Keys are defined here; zh-CN must have every one. */

export const en = {
  problem: {
    validation: {
      title: "Your request is not valid",
      detail: (n: number) => `${n} ${n === 1 ? "field is" : "fields are"} not valid; see errors.`,
    },
    malformedJson: {
      title: "Your request is not valid",
      detail: "The body is not well-formed JSON.",
    },
    unauthorized: {
      title: "Authentication required",
      detail: "Send a valid API key as `Authorization: Bearer <key>`.",
    },
    feedUnauthorized: {
      title: "Authentication required",
      detail: "The calendar feed needs a valid feed token in its URL (`?token=`).",
    },
    notFound: {
      title: "Not found",
      detail: (what: string) => `${what} was not found.`,
    },
    routeNotFound: {
      title: "Not found",
      detail: (method: string, path: string) => `There is no ${method} ${path}.`,
    },
    methodNotAllowed: {
      title: "Method not allowed",
      detail: (method: string, path: string, allow: ReadonlyArray<string>) =>
        `${path} does not take ${method}; it takes ${allow.join(", ")}.`,
    },
    conflict: {
      title: "Conflict",
    },
    idempotencyReused: {
      title: "Idempotency key reused",
      detail:
        "This Idempotency-Key was already used with a different request; use a new key for a new request.",
    },
    idempotencyInUse: {
      title: "Idempotency key in use",
      detail:
        "Another request with this Idempotency-Key is still being handled; retry once it has been answered.",
    },
    tooLarge: {
      title: "Request body too large",
      detail: (limit: string) => `The body is larger than the limit of ${limit}.`,
    },
    unsupportedMediaType: {
      title: "Unsupported media type",
      detail: "Send the body as JSON with `Content-Type: application/json`.",
    },
    rateLimited: {
      title: "Too many requests",
      detail: (seconds: number) => `Slow down: try again in ${seconds} s.`,
    },
    unpriceable: {
      title: "The offer cannot be priced for this need",
    },
    internal: {
      title: "Internal server error",
      detail: "Something went wrong on our side. Quote the request id when you report it.",
    },
    unavailable: {
      title: "Service unavailable",
      detail: "The database cannot be reached.",
    },
  },
  conflict: {
    offerExists: (id: string) => `An offer with id "${id}" exists already.`,
    builtInReadOnly: (id: string) =>
      `"${id}" is a built-in offer; built-in offers cannot be changed or deleted. Create a custom offer with a new id.`,
    subscriptionExists: (id: string) => `A subscription with id "${id}" exists already.`,
    idMismatch: (path: string, body: string) =>
      `The id in the body ("${body}") is not the id in the URL ("${path}").`,
  },
  what: {
    offer: (id: string) => `Offer "${id}"`,
    subscription: (id: string) => `Subscription "${id}"`,
  },
  calendar: {
    name: "CRM renewals",
    noticeSummary: (vendor: string) => `Last day to cancel or renegotiate: ${vendor}`,
    noticeDescription: (vendor: string, renewal: string, price: string, autoRenew: boolean) =>
      `${vendor} renews on ${renewal} at ${price} per term${autoRenew ? " (auto-renews)" : ""}. After today, the notice period has started.`,
    renewalSummary: (vendor: string) => `Renewal: ${vendor}`,
    renewalDescription: (vendor: string, price: string, autoRenew: boolean) =>
      autoRenew
        ? `${vendor} renews automatically today at ${price} per term.`
        : `${vendor}: the term ends today and does not renew by itself.`,
    alarm: (days: number) =>
      days === 0
        ? "Notice deadline today"
        : `Notice deadline in ${days} day${days === 1 ? "" : "s"}`,
  },
  startup: {
    defaultTenant: (tenant: string) =>
      `Created tenant "${tenant}". Its API key, shown once — keep it now:`,
    listening: (url: string) => `crm-cost API listening on ${url} (docs at ${url}/docs)`,
    keyCreated: (tenant: string) => `API key for tenant "${tenant}" (shown once — keep it now):`,
  },
}

export type Texts = typeof en
