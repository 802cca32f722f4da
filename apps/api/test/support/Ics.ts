/** A small iCalendar reader for the tests: unfolds lines and nests components. */
export interface Component {
  readonly name: string
  readonly props: Array<{ readonly name: string; readonly params: string; readonly value: string }>
  readonly children: Array<Component>
}

export const parse = (text: string): Component => {
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((l) => l !== "")
  const root: Component = { name: "ROOT", props: [], children: [] }
  const stack: Array<Component> = [root]
  for (const line of lines) {
    const colon = line.indexOf(":")
    const head = line.slice(0, colon)
    const value = line.slice(colon + 1)
    const [name = "", ...params] = head.split(";")
    const top = stack[stack.length - 1]
    if (top === undefined) throw new Error("unbalanced calendar")
    if (name === "BEGIN") {
      const c: Component = { name: value, props: [], children: [] }
      top.children.push(c)
      stack.push(c)
    } else if (name === "END") {
      if (top.name !== value) throw new Error(`END:${value} closes ${top.name}`)
      stack.pop()
    } else {
      top.props.push({ name, params: params.join(";"), value })
    }
  }
  if (stack.length !== 1) throw new Error("unclosed component")
  const [calendar] = root.children
  if (calendar === undefined) throw new Error("no calendar")
  return calendar
}

export const prop = (c: Component, name: string) => c.props.find((p) => p.name === name)?.value
