/** What a frontend test suite asks a mock for, one request shape per workload. */
export interface Workload {
  id: WorkloadId
  title: string
  method: 'GET' | 'POST'
  /** Path and query, as sent. */
  path: string
  headers: Record<string, string>
  body?: string
  /** The status the workload is about: an exact code, or any 4xx for the error path. */
  expected: number | '4xx'
}

export type WorkloadId = 'list' | 'single' | 'create' | 'invalid'

/** The example contract's own example product id. */
const PRODUCT_ID = '0d9a2c4e-6f1b-4a3c-8e5d-7b9f1a2c3d4e'

const jsonWithToken = { 'content-type': 'application/json', authorization: 'Bearer x' }

const validOrder = {
  cartId: '5b0e8f3a-2c4d-4e6f-8a1b-3c5d7e9f0a2b',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '12 Ada Street',
    city: 'London',
    postalCode: 'N1 9GU',
    countryCode: 'GB',
  },
  note: 'Leave at the door.',
}

const invalidOrder = {
  cartId: 'not-a-uuid',
  shippingAddress: {
    name: '',
    line1: '12 Ada Street',
    city: 'London',
    postalCode: 'N1',
    countryCode: 'gb',
  },
}

const single: Workload = {
  id: 'single',
  title: 'one product by id',
  method: 'GET',
  path: `/products/${PRODUCT_ID}`,
  headers: {},
  expected: 200,
}

/**
 * The four workloads of `npm run bench`, in report order.
 *
 * @example
 * WORKLOADS.map((workload) => `${workload.method} ${workload.path}`)
 */
export const WORKLOADS: readonly Workload[] = [
  {
    id: 'list',
    title: 'list of 20 products',
    method: 'GET',
    path: '/products?pageSize=20',
    headers: {},
    expected: 200,
  },
  single,
  {
    id: 'create',
    title: 'create an order (validated)',
    method: 'POST',
    path: '/orders',
    headers: jsonWithToken,
    body: JSON.stringify(validOrder),
    expected: 201,
  },
  {
    id: 'invalid',
    title: 'invalid order (4xx path)',
    method: 'POST',
    path: '/orders',
    headers: jsonWithToken,
    body: JSON.stringify(invalidOrder),
    expected: '4xx',
  },
]

/** True when a response status is the one the workload measures. */
export function isExpectedStatus(workload: Workload, status: number): boolean {
  return workload.expected === '4xx' ? status >= 400 && status < 500 : status === workload.expected
}

/** The workload that tells when a server is up: the first GET that answers 200. */
export const PROBE: Workload = single
