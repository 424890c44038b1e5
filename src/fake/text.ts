/**
 * Text cut or lengthened to lie within [min, max] characters: cut at a word boundary where that
 * keeps enough, lengthened with more text from `more`.
 */
export function fitText(text: string, min: number, max: number, more: () => string): string {
  let fitted = text
  for (let i = 0; fitted.length < min && i < 1000; i++) {
    const extra = more() || 'x'
    fitted = fitted === '' ? extra : `${fitted} ${extra}`
  }
  if (fitted.length < min) fitted = fitted.padEnd(min, 'x')
  if (fitted.length <= max) return fitted
  const cut = fitted.slice(0, max)
  const space = cut.lastIndexOf(' ')
  const atWord = space >= min && space > 0 ? cut.slice(0, space) : cut
  const trimmed = atWord.replace(/[\s,;:-]+$/, '')
  return trimmed.length >= min ? trimmed : cut
}
