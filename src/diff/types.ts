/** How a change to a contract affects what was built against the old one. */
export type Level = 'breaking' | 'potentially-breaking' | 'compatible'

/** Who a change breaks: clients built against the old contract, or the server that implements it. */
export type Side = 'clients' | 'server'

/** One change between two contracts, classified. */
export interface Change {
  /** The name of the check that found it: `response-required-property-removed`. */
  rule: string
  level: Level
  /** Who it breaks (breaking and potentially breaking changes). */
  side?: Side
  /** `GET /products/{productId}`; undefined for a change to the whole API. */
  operation?: string
  operationId?: string
  /** JSON pointer into the base document; undefined where the thing is new. */
  base?: string
  /** JSON pointer into the head document; undefined where the thing is gone. */
  head?: string
  /** One sentence: what changed and why it matters. */
  message: string
}

export interface DiffResult {
  changes: Change[]
  /** Breaking changes for clients, for the server, potentially breaking and compatible ones. */
  counts: {
    breaking: number
    breakingClients: number
    breakingServer: number
    potentiallyBreaking: number
    compatible: number
  }
}

/** What a check found, before the operation it belongs to is attached. */
export type Finding = Omit<Change, 'operation' | 'operationId'>
