/** Typed failures of pricing. Each names the condition and carries where it happened. */
import { Schema } from "effect"
import * as Messages from "./Messages.js"
import { Currency } from "./Money.js"
import type { Offer } from "./Offer.js"
import type * as Quote from "./Quote.js"

export class SeatLimitExceeded extends Schema.TaggedError<SeatLimitExceeded>()(
  "SeatLimitExceeded",
  {
    offerId: Schema.String,
    componentId: Schema.String,
    seats: Schema.Number,
    maxSeats: Schema.Number,
    month: Schema.Number,
  },
) {
  override get message() {
    return `offer ${this.offerId}: ${this.seats} seats in month ${this.month + 1} exceed the plan maximum of ${this.maxSeats} (component ${this.componentId})`
  }
}

export class UnknownModule extends Schema.TaggedError<UnknownModule>()("UnknownModule", {
  offerId: Schema.String,
  module: Schema.String,
}) {
  override get message() {
    return `offer ${this.offerId} has no module "${this.module}"`
  }
}

export class UnknownIntegration extends Schema.TaggedError<UnknownIntegration>()(
  "UnknownIntegration",
  { offerId: Schema.String, integration: Schema.String },
) {
  override get message() {
    return `offer ${this.offerId} has no integration "${this.integration}"`
  }
}

export class MissingFxRate extends Schema.TaggedError<MissingFxRate>()("MissingFxRate", {
  from: Currency,
  to: Currency,
}) {
  override get message() {
    return `no exchange rate from ${this.from} to ${this.to} was supplied`
  }
}

export class UnsupportedTerm extends Schema.TaggedError<UnsupportedTerm>()("UnsupportedTerm", {
  offerId: Schema.String,
  months: Schema.Array(Schema.Number),
  allowed: Schema.Array(Schema.Number),
}) {
  override get message() {
    return `offer ${this.offerId} sells terms of ${this.allowed.join(", ")} months; none of ${this.months.join(", ")} months is available`
  }
}

export class MissingLabourRate extends Schema.TaggedError<MissingLabourRate>()(
  "MissingLabourRate",
  { offerId: Schema.String, componentId: Schema.String },
) {
  override get message() {
    return `offer ${this.offerId}: component ${this.componentId} needs a labour rate (profile.labourRate)`
  }
}

export class UnknownComponent extends Schema.TaggedError<UnknownComponent>()("UnknownComponent", {
  offerId: Schema.String,
  componentId: Schema.String,
}) {
  override get message() {
    return `offer ${this.offerId} has no component "${this.componentId}"`
  }
}

/** How a buyer names an offer: vendor and plan. */
export const offerLabel = (offer: Offer): string =>
  offer.name.toLowerCase().startsWith(offer.vendor.toLowerCase())
    ? offer.name
    : `${offer.vendor} ${offer.name}`

/** A buyer-facing reason for a quote error. */
export const errorMessage = (offer: Offer, error: Quote.QuoteError): Messages.Message => {
  const name = offerLabel(offer)
  switch (error._tag) {
    case "SeatLimitExceeded":
      return Messages.make("compare.error.seatLimit", {
        offer: name,
        seats: error.seats,
        maxSeats: error.maxSeats,
        month: error.month + 1,
      })
    case "UnknownModule":
      return Messages.make("compare.error.unknownModule", { offer: name, module: error.module })
    case "UnknownIntegration":
      return Messages.make("compare.error.unknownIntegration", {
        offer: name,
        integration: error.integration,
      })
    case "MissingFxRate":
      return Messages.make("compare.error.missingFxRate", {
        offer: name,
        from: error.from,
        to: error.to,
      })
    case "UnsupportedTerm":
      return Messages.make("compare.error.unsupportedTerm", {
        offer: name,
        allowed: error.allowed,
      })
    case "MissingLabourRate":
      return Messages.make("compare.error.missingLabourRate", { offer: name })
    case "UnknownComponent":
      return Messages.make("compare.error.unknownComponent", {
        offer: name,
        component: error.componentId,
      })
  }
}
