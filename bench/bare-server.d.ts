import type { Server } from 'node:http'

/**
 * One fixed answer, for one request: method, URL (path and query) and body exactly as the load
 * generator sends them.
 */
export interface BareAnswer {
  method: string
  url: string
  /** The request body ('' for none). */
  requestBody: string
  status: number
  contentType: string
  /** The response body, base64 so any bytes survive the JSON file. */
  body: string
}

/**
 * A node:http server that reads each request and writes the fixed answer for it; anything else is a
 * 404.
 */
export function createBareServer(answers: readonly BareAnswer[]): Server
