// A tiny static HTTP server on 127.0.0.1 for the browser tests: it serves the seed's page
// (tests/browser/page/index.html) and MQTT.js's browser bundle from the npm package `mqtt`
// (tests/npm/node_modules/mqtt/dist/mqtt.min.js), and nothing else: no file system browsing,
// nothing fetched from outside the machine.
//
// As a module: `const server = await startServer(port = 0)`; server.origin is
// `http://127.0.0.1:PORT`; `await server.close()`.
// By hand: `node tests/browser/serve.mjs [PORT]` prints the page's address, e.g. open
// http://127.0.0.1:PORT/?port=WS_PORT in a browser to get the seed's demo against a local broker.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const npmDir = path.resolve(here, '../npm')

// URL path -> [file, content type]. A fixed table: a request cannot name any other file.
const routes = new Map([
  ['/', [path.join(here, 'page/index.html'), 'text/html; charset=utf-8']],
  ['/index.html', [path.join(here, 'page/index.html'), 'text/html; charset=utf-8']],
  ['/mqtt.min.js', [path.join(npmDir, 'node_modules/mqtt/dist/mqtt.min.js'), 'text/javascript; charset=utf-8']],
])

export async function startServer(port = 0) {
  const server = createServer(async (req, res) => {
    const urlPath = new URL(req.url, 'http://127.0.0.1').pathname
    if (urlPath === '/favicon.ico') { res.writeHead(204).end(); return } // keeps the console clean
    const route = routes.get(urlPath)
    if (req.method !== 'GET' || !route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
      return
    }
    try {
      const body = await readFile(route[0])
      res.writeHead(200, { 'content-type': route[1], 'cache-control': 'no-store' }).end(body)
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`)
    }
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const origin = `http://127.0.0.1:${server.address().port}`
  return {
    origin,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startServer(Number(process.argv[2] || 0))
  console.log(`serving the seed's page at ${server.origin}/?port=WS_PORT (Ctrl-C stops)`)
}
