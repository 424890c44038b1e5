import { stateSuite } from './state-suite.ts'
import { nodeStateTarget } from './targets.ts'

stateSuite('Node (in-memory store)', nodeStateTarget)
