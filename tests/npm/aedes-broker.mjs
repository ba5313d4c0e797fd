// A second MQTT broker for the integration tests (aedes: MQTT 3.1.1 only), started and stopped
// by scripts/test-brokers. Unlike mosquitto it lets us choose what the WebSocket upgrade answers:
//   --tcp PORT       plain MQTT over TCP
//   --ws PORT        MQTT over WebSocket; only the path /mqtt is upgraded, any other path gets an
//                    HTTP 404 (the "upgrade refused" diagnosis). A plain HTTP request gets 200, and
//                    MQTT bytes sent here get Node's "400 Bad Request" (the "mqtt:// to an HTTP
//                    port" diagnosis).
//   --wss PORT       the same as --ws behind TLS (--cert/--key); a fast broker for large wss messages
//   --noproto PORT   WebSocket on /mqtt that completes the upgrade without agreeing a sub-protocol
//   --cert FILE --key FILE
//   --host ADDR      listen address (default 127.0.0.1)
// A SUBSCRIBE to a topic under forbidden/ is answered with the failure code 0x80 (mosquitto 2.0.11
// cannot do that: its ACL denies silently with a granted SUBACK).
// Exits cleanly on SIGTERM/SIGINT.
import { createServer as createTcpServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Aedes } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

const { values: opt } = parseArgs({
  options: {
    tcp: { type: 'string' },
    ws: { type: 'string' },
    wss: { type: 'string' },
    noproto: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const MQTT_PATH = '/mqtt';
const DENIED_PREFIX = 'forbidden/';
const broker = await Aedes.createBroker();
// callback(null, null) negates the subscription: the SUBACK carries 0x80 for it.
broker.authorizeSubscribe = (client, sub, callback) =>
  callback(null, sub.topic.startsWith(DENIED_PREFIX) ? null : sub);
const servers = [];

function listen(server, port, what) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), opt.host, () => {
      console.log(`aedes: ${what} listening on ${opt.host}:${port}`);
      resolve();
    });
  });
}

function pathOf(req) {
  return new URL(req.url, 'http://placeholder').pathname;
}

// agreeProtocol=false completes the upgrade without a Sec-WebSocket-Protocol answer header.
function attachWebSocket(server, { agreeProtocol }) {
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 512 * 1024 * 1024,
    handleProtocols: (protocols) => {
      if (!agreeProtocol) return false;
      for (const p of ['mqtt', 'mqttv3.1']) if (protocols.has(p)) return p;
      return false;
    },
  });
  server.on('upgrade', (req, socket, head) => {
    if (pathOf(req) !== MQTT_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n' +
                 'Connection: close\r\n\r\nnot found\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => stream.destroy());
      broker.handle(stream, req);
    });
  });
  // A plain (non-upgrade) HTTP request: answer like a web server would.
  server.on('request', (req, res) => {
    res.writeHead(pathOf(req) === MQTT_PATH ? 426 : 200, { 'Content-Type': 'text/plain' });
    res.end('wsmqtt test broker (aedes); MQTT over WebSocket at ' + MQTT_PATH + '\n');
  });
}

try {
  if (opt.tcp) {
    const s = createTcpServer(broker.handle);
    servers.push(s);
    await listen(s, opt.tcp, 'tcp');
  }
  if (opt.ws) {
    const s = createHttpServer();
    attachWebSocket(s, { agreeProtocol: true });
    servers.push(s);
    await listen(s, opt.ws, 'ws');
  }
  if (opt.wss) {
    const s = createHttpsServer({ cert: readFileSync(opt.cert), key: readFileSync(opt.key) });
    attachWebSocket(s, { agreeProtocol: true });
    servers.push(s);
    await listen(s, opt.wss, 'wss');
  }
  if (opt.noproto) {
    const s = createHttpServer();
    attachWebSocket(s, { agreeProtocol: false });
    servers.push(s);
    await listen(s, opt.noproto, 'ws (no sub-protocol)');
  }
} catch (err) {
  console.error(`aedes: cannot listen: ${err.message}`);
  process.exit(1);
}

function shutdown(signal) {
  console.log(`aedes: ${signal}, closing`);
  for (const s of servers) {
    s.close();
    if (s.closeAllConnections) s.closeAllConnections();
  }
  broker.close(() => process.exit(0));
  // Lingering client sockets must not keep a stopped broker alive.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
