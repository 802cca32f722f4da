/**
 * Whether a request part may hold an object key its schema does not declare.
 * The API refuses such keys (`onExcessProperty: "error"`), and Effect checks
 * them by parsing every key of every object against the union of the names
 * it expects, on the encoded side and again on the type side: about half the
 * cost of decoding a quote request. This walk over the encoded side of the
 * schema answers the question first, for a fraction of that.
 *
 * "No" is certain: for such an input a decode that ignores excess keys gives
 * exactly what the strict decode gives. "Maybe" (an undeclared key, or a
 * schema part the walk does not follow) sends the input through the strict
 * decode, which names the key. The walk follows what the request schemas are
 * made of: structs, records, arrays and tuples, unions (members whose `_tag`
 * rules them out are skipped), refinements, transformations and classes.
 */
import type { SchemaAST as AST } from "effect"

/** True when the input may hold an undeclared key somewhere. */
export type Check = (input: unknown) => boolean

const no: Check = () => false
const maybe: Check = () => true

const isRecord = (u: unknown): u is Readonly<Record<PropertyKey, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** Parts whose decoding never looks at object keys: its parse options have nothing to act on. */
const isKeyless = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Refinement":
      return isKeyless(ast.from)
    case "Union":
      return ast.types.every(isKeyless)
    case "Declaration":
      // A class, or a value checked by a predicate (Decimal, Money): an
      // instance test, not a parse of its fields.
      return true
    case "TypeLiteral":
    case "TupleType":
    case "Suspend":
    case "Transformation":
      return false
    default:
      return true
  }
}

/** The `_tag` a member of a union requires, when it requires one. */
const requiredTag = (ast: AST.AST): unknown => {
  switch (ast._tag) {
    case "Refinement":
    case "Transformation":
      return requiredTag(ast.from)
    case "TypeLiteral": {
      const tag = ast.propertySignatures.find((ps) => ps.name === "_tag")
      return tag !== undefined && !tag.isOptional && tag.type._tag === "Literal"
        ? tag.type.literal
        : undefined
    }
    default:
      return undefined
  }
}

const compile = (ast: AST.AST, memo: Map<AST.AST, Check>): Check => {
  const known = memo.get(ast)
  if (known !== undefined) return known
  // Recursive schemas (Suspend) meet themselves: the slot is filled below.
  let check: Check = maybe
  memo.set(ast, (input) => check(input))
  check = build(ast, memo)
  memo.set(ast, check)
  return check
}

const build = (ast: AST.AST, memo: Map<AST.AST, Check>): Check => {
  switch (ast._tag) {
    case "Refinement":
      return compile(ast.from, memo)
    case "Transformation": {
      const kind = ast.transformation._tag
      // Property signature transformations (defaults, renames) only carry
      // declared keys over; a class or a decimal is checked on its encoded side.
      if (kind === "TypeLiteralTransformation") return compile(ast.from, memo)
      if (kind === "FinalTransformation" && isKeyless(ast.to)) return compile(ast.from, memo)
      return maybe
    }
    case "Suspend": {
      let inner: Check | undefined
      return (input) => {
        inner ??= compile(ast.f(), memo)
        return inner(input)
      }
    }
    case "TypeLiteral": {
      const fields = new Map<PropertyKey, Check>()
      for (const ps of ast.propertySignatures) fields.set(ps.name, compile(ps.type, memo))
      const index = ast.indexSignatures
      // A record keyed by any string takes every key; other index signatures are not followed.
      const rest =
        index.length === 0
          ? undefined
          : index.length === 1 && index[0]?.parameter._tag === "StringKeyword"
            ? compile(index[0].type, memo)
            : maybe
      return (input) => {
        if (!isRecord(input)) return false
        for (const key of Reflect.ownKeys(input)) {
          const field = fields.get(key)
          const value = input[key]
          if (rest === undefined) {
            if (field === undefined || field(value)) return true
          } else if (typeof key !== "string" || rest(value) || field?.(value) === true) {
            // An index signature parses every key's value, declared or not.
            return true
          }
        }
        return false
      }
    }
    case "TupleType": {
      const elements = ast.elements.map((e) => compile(e.type, memo))
      // Elements after a rest element are not followed.
      if (ast.rest.length > 1) return (input) => Array.isArray(input) && input.length > 0
      const rest = ast.rest[0] === undefined ? no : compile(ast.rest[0].type, memo)
      return (input) => {
        if (!Array.isArray(input)) return false
        for (let i = 0; i < input.length; i++) {
          if ((elements[i] ?? rest)(input[i])) return true
        }
        return false
      }
    }
    case "Union": {
      const members = ast.types.map((type) => ({
        tag: requiredTag(type),
        check: compile(type, memo),
      }))
      return (input) => {
        if (typeof input !== "object" || input === null) return false
        const tag = isRecord(input) ? input._tag : undefined
        for (const member of members) {
          // A member that requires another tag fails whatever the keys.
          if (member.tag !== undefined && member.tag !== tag) continue
          if (member.check(input)) return true
        }
        return false
      }
    }
    case "Declaration":
      // Reached on an encoded side: what it decodes is not known here.
      return (input) => typeof input === "object" && input !== null
    default:
      return no
  }
}

/** The check of a schema, built once. */
export const make = (ast: AST.AST): Check => compile(ast, new Map())
