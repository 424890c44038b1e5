/**
 * The failures a mock can answer with instead of its answer: what the network does to an answer
 * (`reset`, `timeout`, `empty`, `malformed`, `truncated`), or a status a gateway or rate limiter in
 * front of the API answers with (429, 500, 502, 503, 504).
 */
export type NetworkFault = 'reset' | 'timeout' | 'empty' | 'malformed' | 'truncated'
export type StatusFault = 429 | 500 | 502 | 503 | 504
export type FaultKind = NetworkFault | StatusFault

export const NETWORK_FAULTS: readonly NetworkFault[] = [
  'reset',
  'timeout',
  'empty',
  'malformed',
  'truncated',
]
export const STATUS_FAULTS: readonly StatusFault[] = [429, 500, 502, 503, 504]

/**
 * Names the fault an answer is to be delivered with. The mock sets it; a runtime that can do more
 * than the answer itself shows (a TCP reset on Node, a network error in MSW) reads it.
 */
export const FAULT_HEADER = 'Standin-Fault'

/** Seconds a 429 or 503 asks the client to wait when the contract documents no `Retry-After`. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1

/** The fault a word names (`reset`, `503`), else undefined. */
export function faultKindOf(word: string): FaultKind | undefined {
  if ((NETWORK_FAULTS as readonly string[]).includes(word)) return word as NetworkFault
  const status = Number(word)
  return (STATUS_FAULTS as readonly number[]).includes(status) ? (status as StatusFault) : undefined
}

export function isNetworkFault(kind: FaultKind): kind is NetworkFault {
  return typeof kind === 'string'
}

/** Every fault name, for messages: `reset, timeout, empty, malformed, truncated, 429, …`. */
export function faultNames(): string {
  return [...NETWORK_FAULTS, ...STATUS_FAULTS].join(', ')
}
