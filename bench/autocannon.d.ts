// The part of autocannon's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  export interface Options {
    url: string
    method?: string
    headers?: Record<string, string>
    body?: string
    connections?: number
    duration?: number
    timeout?: number
    /** Requests sent in turn on each connection; setupRequest may change one before it goes. */
    requests?: {
      method?: string
      path?: string
      headers?: Record<string, string>
      body?: string
      setupRequest?: (request: RequestParams) => RequestParams
    }[]
  }

  export interface RequestParams {
    method?: string
    path: string
    headers?: Record<string, string>
    body?: string
  }

  export interface Histogram {
    average: number
    mean: number
    p50: number
    p99: number
    max: number
    total: number
  }

  export interface Result {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
    latency: Histogram
    requests: Histogram & { sent: number }
    throughput: Histogram
  }

  export interface Instance extends PromiseLike<Result> {
    stop(): void
    /** Every response, with its latency in milliseconds (fractional). */
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
    ): this
  }

  function autocannon(options: Options): Instance
  export default autocannon
}
