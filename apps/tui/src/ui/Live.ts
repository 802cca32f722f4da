/**
 * State whose latest value key handlers can read at once. Keys can arrive
 * faster than React renders (a paste, a script, tmux send-keys); a handler
 * reading render-time state would act on a stale value, so handlers read
 * `get()` and every `set` lands before the next key is handled.
 */
import { useReducer, useState } from "react"

export interface Live<T> {
  readonly get: () => T
  readonly set: (next: T | ((previous: T) => T)) => void
}

const isUpdater = <T>(next: T | ((previous: T) => T)): next is (previous: T) => T =>
  typeof next === "function"

export const useLive = <T>(initial: () => T): Live<T> => {
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  const [live] = useState(() => {
    const box = { value: initial() }
    const self: Live<T> = {
      get: () => box.value,
      set: (next) => {
        box.value = isUpdater(next) ? next(box.value) : next
        rerender()
      },
    }
    return self
  })
  return live
}
