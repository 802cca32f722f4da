/**
 * The catalog a user works with: the built-in offers merged with their own
 * catalog files. A user offer with a built-in offer's id replaces it, and
 * the replacement is reported; one id in two user files is an error.
 */
import type { Offer } from "@crm-cost/domain"
import { Array as Arr, Effect, Either } from "effect"
import * as BuiltIn from "./BuiltIn.js"
import { CatalogFileError, CatalogInvalid } from "./CatalogError.js"
import { type LoadedFile, loadFile } from "./UserCatalog.js"

/** A built-in offer a user file replaced. */
export interface Replacement {
  readonly id: string
  readonly file: string
}

export interface Catalog {
  readonly offers: ReadonlyArray<Offer.Offer>
  /** Where each offer comes from: a file name, or `BuiltIn.file`. */
  readonly origin: ReadonlyMap<string, string>
  readonly replaced: ReadonlyArray<Replacement>
}

/** Merge user files over the built-in offers: replaced offers keep their place, new ones follow. */
export const merge = (
  builtIn: ReadonlyArray<Offer.Offer>,
  files: ReadonlyArray<LoadedFile>,
): Either.Either<Catalog, CatalogInvalid> => {
  const errors: Array<CatalogFileError> = []
  const builtInIds = new Set(builtIn.map((o) => o.id as string))
  const fromUser = new Map<string, { offer: Offer.Offer; file: string; index: number }>()
  for (const loaded of files) {
    loaded.offers.forEach((offer, index) => {
      const first = fromUser.get(offer.id)
      if (first !== undefined) {
        const detail = `"${offer.id}" (also in ${first.file} at offers[${first.index}])`
        errors.push(
          new CatalogFileError({
            file: loaded.file,
            path: `offers[${index}].id`,
            ...loaded.idLocations[index],
            code: "duplicate-id",
            detail,
            message: `duplicate offer id ${detail}`,
          }),
        )
        return
      }
      fromUser.set(offer.id, { offer, file: loaded.file, index })
    })
  }
  if (Arr.isNonEmptyArray(errors)) return Either.left(new CatalogInvalid({ errors }))

  const origin = new Map<string, string>()
  const replaced: Array<Replacement> = []
  const offers = builtIn.map((o) => {
    const user = fromUser.get(o.id)
    if (user === undefined) {
      origin.set(o.id, BuiltIn.file)
      return o
    }
    replaced.push({ id: o.id, file: user.file })
    origin.set(o.id, user.file)
    return user.offer
  })
  for (const [id, user] of fromUser) {
    if (builtInIds.has(id)) continue
    origin.set(id, user.file)
    offers.push(user.offer)
  }
  return Either.right({ offers, origin, replaced })
}

/** Read every file (reporting the problems of all of them at once) and merge them over the built-in offers. */
export const load = Effect.fn("Catalog.load")(function* (
  files: ReadonlyArray<string>,
  options?: { readonly cwd?: string },
) {
  const builtIn = yield* BuiltIn.offers
  const results = yield* Effect.forEach(files, (f) => Effect.either(loadFile(f, options?.cwd)))
  const problems = results.flatMap((r) => (Either.isLeft(r) ? r.left.errors : []))
  if (Arr.isNonEmptyArray(problems)) return yield* new CatalogInvalid({ errors: problems })
  const loaded = results.flatMap((r) => (Either.isRight(r) ? [r.right] : []))
  return yield* merge(builtIn, loaded)
})
