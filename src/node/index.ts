export { createNodeServer, type NodeServerOptions } from './create-node-server.ts'
