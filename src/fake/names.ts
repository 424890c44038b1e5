/** `createdAt`, `created_at`, `created-at` and `CreatedAt` all read as `['created', 'at']`. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase())
}

const IRREGULAR: Record<string, string> = {
  children: 'child',
  people: 'person',
  men: 'man',
  women: 'woman',
  data: 'data',
  news: 'news',
  status: 'status',
  address: 'address',
}

/** The name of one element of a list property: `images` → `image`, `categories` → `category`. */
export function singular(name: string): string {
  const words = wordsOf(name)
  const last = words.pop()
  if (last === undefined) return name
  return [...words, singularWord(last)].join('_')
}

function singularWord(word: string): string {
  const irregular = IRREGULAR[word]
  if (irregular) return irregular
  if (word.endsWith('ies') && word.length > 3) return `${word.slice(0, -3)}y`
  if (/(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2)
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 1) return word.slice(0, -1)
  return word
}

/**
 * A property that tells records apart (`id`, `customerId`, `order_id`, `sku`, `slug`). Its schema
 * example is not reused for every record, or every product would share one id.
 */
export function isIdentifying(name: string | undefined): boolean {
  if (name === undefined) return false
  const words = wordsOf(name)
  const last = words[words.length - 1]
  return last === 'id' || last === 'uuid' || last === 'guid' || last === 'sku' || last === 'slug'
}
