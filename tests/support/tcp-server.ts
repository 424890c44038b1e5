import { createServer, type Server, type Socket } from 'node:net'

const servers: Server[] = []

/**
 * A raw TCP server on 127.0.0.1 that calls `onRequest` with each connection once a request arrives,
 * for targets that hang, reset or answer garbage. Returns its base URL; `closeTcpServers` ends them
 * all.
 */
export async function tcpServer(onRequest: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.once('data', () => onRequest(socket))
  })
  const close = server.close.bind(server)
  server.close = (callback) => {
    for (const socket of sockets) socket.destroy()
    return close(callback)
  }
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

/**
 * The URL of a port on 127.0.0.1 that was just listened on and closed again: nothing answers there.
 */
export async function closedPort(): Promise<string> {
  const target = await tcpServer(() => {})
  await new Promise((resolve) => (servers.pop() as Server).close(resolve))
  return target
}

export async function closeTcpServers(): Promise<void> {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  )
}
