/**
 * Sets an own field even for names like `__proto__`, which plain assignment would treat as the
 * prototype.
 */
export function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/**
 * A percent-encoded part of a URL decoded, or as it came where it is not valid percent-encoding.
 */
export function decodeText(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
