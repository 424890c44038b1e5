import contract from '../contracts/index.ts'
import mocks from '../mocks/index.ts'
import { createWorker } from './worker/index.ts'

// The example shop's Worker (wrangler.toml); your own project's entry is the same, importing
// 'standin/worker'.
export { StandinSession } from './worker/index.ts'
export default createWorker(contract, mocks)
