// A minimal MQTT 3.1.1 client over WebSocket, used by tests/integration/brokers-smoke.test.sh to
// check the brokers' ws/wss listeners (mosquitto_pub cannot speak WebSocket). It is a test of the
// servers, not a reference for wsmqtt: it does just CONNECT, optionally one QoS 0 PUBLISH, and
// DISCONNECT.
//   node ws-mqtt-probe.mjs --url ws://127.0.0.1:PORT/mqtt [--ca FILE] [--user U --pass P]
//                          [--topic T --message M]
// stdout: "connack RC protocol P" (P is the agreed sub-protocol, "-" when none).
// Exit: 0 CONNACK accepted (and published), 2 CONNACK refused, 1 anything else (message on stderr).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string' },
    ca: { type: 'string' },
    user: { type: 'string' },
    pass: { type: 'string' },
    topic: { type: 'string' },
    message: { type: 'string', default: '' },
    timeout: { type: 'string', default: '5000' },
  },
});

function remainingLength(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return Buffer.from(out);
}
const str = (s) => {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.length);
  return Buffer.concat([len, b]);
};
const packet = (first, body) => Buffer.concat([Buffer.from([first]), remainingLength(body.length), body]);

function connectPacket() {
  let flags = 0x02; // clean session
  const payload = [str(`probe-${process.pid}`)];
  if (opt.user !== undefined) { flags |= 0x80; payload.push(str(opt.user)); }
  if (opt.pass !== undefined) { flags |= 0x40; payload.push(str(opt.pass)); }
  const header = Buffer.concat([str('MQTT'), Buffer.from([0x04, flags, 0x00, 0x3c])]);
  return packet(0x10, Buffer.concat([header, ...payload]));
}

const fail = (msg, code = 1) => {
  process.stderr.write(`ws-mqtt-probe: ${msg}\n`);
  process.exit(code);
};
setTimeout(() => fail('timed out'), Number(opt.timeout)).unref();

const ws = new WebSocket(opt.url, ['mqtt'], {
  ca: opt.ca ? readFileSync(opt.ca) : undefined,
  perMessageDeflate: false,
});
let received = Buffer.alloc(0);
ws.on('open', () => ws.send(connectPacket()));
ws.on('unexpected-response', (req, res) => fail(`upgrade refused: HTTP ${res.statusCode}`));
ws.on('error', (err) => fail(err.message));
ws.on('message', (data) => {
  received = Buffer.concat([received, data]); // a CONNACK may arrive in pieces
  if (received.length < 4) return;
  if (received[0] !== 0x20) fail(`expected CONNACK, got first byte 0x${received[0].toString(16)}`);
  const rc = received[3];
  process.stdout.write(`connack ${rc} protocol ${ws.protocol || '-'}\n`);
  if (rc !== 0) { ws.terminate(); process.exit(2); }
  if (opt.topic !== undefined) {
    ws.send(packet(0x30, Buffer.concat([str(opt.topic), Buffer.from(opt.message, 'utf8')])));
  }
  ws.send(Buffer.from([0xe0, 0x00])); // DISCONNECT
  ws.close();
});
ws.on('close', () => {
  if (received.length < 4) fail('closed before a CONNACK');
  process.exit(0);
});
