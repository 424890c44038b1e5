/**
 * `make` run once per operation (or any object), its result kept for as long as the object lives.
 *
 * @example
 * export const compiledOf = memoized(compileOperation)
 */
export function memoized<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const kept = new WeakMap<K, V>()
  return (key) => {
    if (kept.has(key)) return kept.get(key) as V
    const value = make(key)
    kept.set(key, value)
    return value
  }
}
