import { mockBehaviourSuite } from './behaviour-suite.ts'
import { nodeTarget } from './targets.ts'

mockBehaviourSuite('Node', nodeTarget)
