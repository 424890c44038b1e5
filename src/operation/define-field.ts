/** Sets an own field even for names like `__proto__`, which plain assignment would treat as the prototype. */
export function defineField(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
