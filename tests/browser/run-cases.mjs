// The seed's scenario end to end: the seed's page (MQTT.js in Debian's headless Chromium, driven
// by playwright-core) and our wsmqtt-pub / wsmqtt-sub talking through mosquitto's websocket
// listeners. Run by tests/integration/pubsub-browser.test.sh, which turns the result lines into
// its cases; by hand (with the brokers up):
//   source build/test-env.sh; WSMQTT_BIN_DIR=build/release/bin node tests/browser/run-cases.mjs
//
// Environment: the test-broker variables (WSMQTT_HOST, WSMQTT_TLS_HOST, WSMQTT_A_WS_PORT,
// WSMQTT_A_WSS_PORT, WSMQTT_A_WRONG_WSS_PORT, WSMQTT_CA_FILE), WSMQTT_BIN_DIR, and optionally
// WSMQTT_BROWSER_ARTIFACTS (screenshots and the page's console; default: a new temp dir, kept) and
// WSMQTT_BROWSER_TMP (profiles and HOME folders; default: a new temp dir, removed at the end).
//
// Output: one line per case on stdout, `case<TAB>NAME<TAB>pass|fail<TAB>MILLISECONDS<TAB>REASONS`;
// progress and details on stderr. Exit status 0 when every case passed.
//
// Readiness is always a state: the page's #status data-state, a message in the page's list, a
// subscriber's exit or a line it printed. The only fixed intervals are the retry period of bounded
// loops (a repeated publish while a subscriber gets ready), never a wait standing in for an event.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { startServer } from './serve.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(path.resolve(here, '../npm/package.json'))
const { chromium } = require('playwright-core')

const CHROMIUM = '/usr/bin/chromium'
// What a root process in this sandbox needs (machine notes): no sandbox, no GPU, and none of the
// background connections to Google that a closed network refuses.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']
const WHOLE_RUN_MS = 90_000
const STEP_MS = 15_000

const env = process.env
function need(name) {
  if (!env[name]) throw new Error(`${name} is not set (source the file written by scripts/test-brokers start)`)
  return env[name]
}
const HOST = env.WSMQTT_HOST || '127.0.0.1'
const TLS_HOST = env.WSMQTT_TLS_HOST || 'localhost'
const WS_PORT = need('WSMQTT_A_WS_PORT')
const WSS_PORT = need('WSMQTT_A_WSS_PORT')
const WRONG_WSS_PORT = env.WSMQTT_A_WRONG_WSS_PORT
const CA_FILE = need('WSMQTT_CA_FILE')
const BIN_DIR = need('WSMQTT_BIN_DIR')
const PUB = path.join(BIN_DIR, 'wsmqtt-pub')
const SUB = path.join(BIN_DIR, 'wsmqtt-sub')
const WS_URL = `ws://${HOST}:${WS_PORT}/mqtt`
const WSS_URL = `wss://${TLS_HOST}:${WSS_PORT}/mqtt`

const ownTmp = !env.WSMQTT_BROWSER_TMP
const TMP = env.WSMQTT_BROWSER_TMP || mkdtempSync(path.join(tmpdir(), 'wsmqtt-browser.'))
const ARTIFACTS = env.WSMQTT_BROWSER_ARTIFACTS || mkdtempSync(path.join(tmpdir(), 'wsmqtt-browser-artifacts.'))
mkdirSync(ARTIFACTS, { recursive: true })
const CONSOLE_LOG = path.join(ARTIFACTS, 'console.log')
writeFileSync(CONSOLE_LOG, '')

const log = (...a) => console.error('[browser]', ...a)
const hex = (s) => Buffer.from(s, 'utf8').toString('hex')
const delay = (ms) => new Promise((r) => setTimeout(r, ms))

// ------------------------------------------------------------------------- child processes
const children = new Set() // ChildProcess objects still running; killed by PID at the end

// Starts a program; returns { child, done, stdout() } where done resolves to
// { code, signal, stdout: Buffer, stderr: string, ms } and the program is SIGKILLed after timeoutMs.
function start(cmd, args, timeoutMs = STEP_MS) {
  const t0 = Date.now()
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  const out = []
  const err = []
  const lineWaiters = []
  child.stdout.on('data', (d) => {
    out.push(d)
    for (const w of lineWaiters.splice(0)) w()
  })
  child.stderr.on('data', (d) => err.push(d))
  const timer = setTimeout(() => { if (child.pid) process.kill(child.pid, 'SIGKILL') }, timeoutMs)
  const done = new Promise((resolve) => {
    child.on('error', (e) => { err.push(Buffer.from(String(e))); })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      for (const w of lineWaiters.splice(0)) w()
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString(), ms: Date.now() - t0 })
    })
  })
  // Resolves when stdout contains `text` (true) or the program ended without it (false).
  async function waitForOutput(text) {
    for (;;) {
      if (Buffer.concat(out).toString().includes(text)) return true
      if (!children.has(child)) return false
      await new Promise((r) => lineWaiters.push(r))
    }
  }
  return { child, done, waitForOutput, args }
}
const run = (cmd, args, timeoutMs) => start(cmd, args, timeoutMs).done
const describe = (r) => `exit ${r.code}${r.signal ? ` (${r.signal})` : ''}, stdout ${JSON.stringify(r.stdout.toString())}, stderr ${JSON.stringify(r.stderr.trim())}`

// Every process whose parent chain leads to `root` (from /proc), root included.
function processTree(root) {
  const parent = new Map()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parent.set(Number(name), Number(fields[1]))
    } catch { /* gone meanwhile */ }
  }
  const tree = [root]
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid)
  }
  return tree.filter((pid) => pid === root || parent.has(pid))
}

// The Chromium that playwright-core started for us: our direct child running Chromium's binary
// (Debian's /usr/bin/chromium wrapper execs /usr/lib/chromium/chromium, keeping the PID).
function chromiumPids() {
  const found = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== process.pid) continue
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8')
      if (cmdline.includes('chromium')) found.push(Number(name))
    } catch { /* gone meanwhile */ }
  }
  return found
}

function killTree(root) {
  const tree = processTree(root)
  for (const pid of tree) {
    try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ }
  }
  return tree
}

// ---------------------------------------------------------------------------------- browser
const browsers = [] // { context, pid, label }

async function launchBrowser(label, home) {
  const before = new Set(chromiumPids())
  const userDataDir = mkdtempSync(path.join(TMP, `profile-${label}.`))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...env, HOME: home },
    timeout: STEP_MS,
    viewport: { width: 900, height: 640 },
  })
  const pid = chromiumPids().find((p) => !before.has(p))
  const b = { context, pid, label }
  browsers.push(b)
  log(`${label}: Chromium PID ${pid}, HOME ${home}, profile ${userDataDir}`)
  return b
}

// Opens the page (the context's first tab unless `fresh`); page.consoleText() returns what the
// page printed to its console so far (also appended to console.log among the artifacts).
// Closes the browser through playwright-core, then SIGKILLs (by PID) whatever of its process
// tree is still running Chromium, so that no helper process outlives the test.
async function closeBrowser(b) {
  if (!b || b.closed) return
  b.closed = true
  const tree = b.pid ? processTree(b.pid) : []
  await Promise.race([b.context.close().catch(() => {}), delay(5_000)])
  for (const pid of tree) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')) process.kill(pid, 'SIGKILL')
    } catch { /* already gone */ }
  }
}

async function openPage(b, server, query, { fresh = false, label = b.label } = {}) {
  const page = (!fresh && b.context.pages()[0]) || await b.context.newPage()
  page.setDefaultTimeout(STEP_MS)
  const lines = []
  const note = (line) => { lines.push(line); appendFileSync(CONSOLE_LOG, `[${label}] ${line}\n`) }
  page.on('console', (m) => note(`${m.type()}: ${m.text()}`))
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`))
  page.consoleText = () => lines.join('\n')
  // Resolves true once the console has shown `text`, false after `ms` without it.
  page.waitForConsole = (text, ms = 5_000) => page.waitForEvent('console', {
    predicate: (m) => m.text().includes(text), timeout: ms,
  }).then(() => true, () => page.consoleText().includes(text)).then((seen) => seen || page.consoleText().includes(text))
  await page.goto(`${server.origin}/?${new URLSearchParams(query)}`)
  return page
}

// Waits until the page's client has seen its connection close (or fail) at least once.
const waitClosed = (page) => page.waitForFunction(() => {
  const d = document.getElementById('status').dataset
  return Number(d.close || 0) + Number(d.error || 0) >= 1
}, null, { timeout: 10_000 })

const waitSubscribed = (page, ms = STEP_MS) =>
  page.waitForSelector('#status[data-state="subscribed"]', { timeout: ms })

// Waits until the page lists a message on `topic` with exactly these bytes (and, if asked, the
// retain flag); returns the list item's text.
async function waitForMessage(page, topic, payload, { retained } = {}) {
  const handle = await page.waitForFunction(([t, h, r]) => {
    for (const li of document.querySelectorAll('#messages li')) {
      if (li.dataset.topic === t && li.dataset.hex === h && (r === null || li.dataset.retain === r)) return li.textContent
    }
    return false
  }, [topic, hex(payload), retained === undefined ? null : (retained ? '1' : '0')], { timeout: 10_000 })
  return handle.jsonValue()
}

// Starts wsmqtt-sub ARGS and publishes from the page (publishOnce) every 100 ms until the
// subscriber exits: the first publish after its SUBACK reaches it. At most 10 s of retries.
async function subWhilePagePublishes(subArgs, publishOnce) {
  const sub = start(SUB, subArgs)
  let ended = false
  sub.done.then(() => { ended = true })
  for (let i = 0; i < 100 && !ended; i++) {
    await publishOnce()
    await Promise.race([sub.done, delay(100)])
  }
  return sub.done
}

// ------------------------------------------------------------------------------------ cases
const results = []
async function runCase(name, body) {
  const t0 = Date.now()
  const problems = []
  const check = (ok, what) => { if (!ok) problems.push(what) }
  log(`-- ${name}`)
  try {
    await body(check)
  } catch (e) {
    problems.push(`${e.name || 'Error'}: ${String(e.message).split('\n')[0]}`)
  }
  const ms = Date.now() - t0
  results.push({ name, ok: problems.length === 0 })
  const line = ['case', name, problems.length ? 'fail' : 'pass', ms, problems.join('; ').replace(/[\t\n]/g, ' ')].join('\t')
  console.log(line)
  log(line)
}

async function main() {
  const server = await startServer()
  const runId = randomBytes(4).toString('hex')
  const topic = `testtopic/${runId}`
  const willTopic = `WillMsg/${runId}`
  log(`page server ${server.origin}; run ${runId}; mosquitto ws ${WS_URL}, wss ${WSS_URL}`)
  let page = null
  let browser = null

  try {
    await runCase('page connects over ws and subscribes', async (check) => {
      browser = await launchBrowser('ws', mkdtempSync(path.join(TMP, 'home-ws.')))
      check(Number.isInteger(browser.pid), 'Chromium PID not found')
      page = await openPage(browser, server, { port: WS_PORT, run: runId })
      await waitSubscribed(page)
      check(await page.textContent('#topic') === topic, `page topic is not ${topic}`)
    })

    await runCase('1 wsmqtt-pub -> page (seed: Hello from MQTTX)', async (check) => {
      const r = await run(PUB, ['-L', WS_URL, '-t', topic, '-m', 'Hello from wsmqtt'])
      check(r.code === 0, `wsmqtt-pub: ${describe(r)}`)
      const text = await waitForMessage(page, topic, 'Hello from wsmqtt', { retained: false })
      check(text === `${topic}: Hello from wsmqtt`, `page shows ${JSON.stringify(text)}`)
      await page.screenshot({ path: path.join(ARTIFACTS, 'case1.png') })
    })

    await runCase('2 page -> wsmqtt-sub (seed: ws connection demo...!)', async (check) => {
      const r = await subWhilePagePublishes(['-L', WS_URL, '-t', topic, '-C', '1', '-W', '10'],
        () => page.click('#publish'))
      check(r.code === 0, `wsmqtt-sub: ${describe(r)}`)
      check(r.stdout.toString() === 'ws connection demo...!\n', `wsmqtt-sub printed ${JSON.stringify(r.stdout.toString())}`)
    })

    const jp = '「こんにちは、MQTT」日本語のメッセージ'
    await runCase('3a UTF-8 page -> wsmqtt-sub', async (check) => {
      const t = `${topic}/utf8-from-page`
      const r = await subWhilePagePublishes(['-L', WS_URL, '-t', t, '-C', '1', '-W', '10'],
        () => page.evaluate(([tt, p]) => window.demo.publish(tt, p), [t, jp]))
      check(r.code === 0, `wsmqtt-sub: ${describe(r)}`)
      check(r.stdout.equals(Buffer.from(`${jp}\n`, 'utf8')), `wsmqtt-sub printed hex ${r.stdout.toString('hex')}, expected ${hex(`${jp}\n`)}`)
    })

    await runCase('3b UTF-8 wsmqtt-pub -> page', async (check) => {
      const r = await run(PUB, ['-L', WS_URL, '-t', topic, '-m', jp])
      check(r.code === 0, `wsmqtt-pub: ${describe(r)}`)
      const text = await waitForMessage(page, topic, jp, { retained: false })
      check(text === `${topic}: ${jp}`, `page shows ${JSON.stringify(text)}`)
    })

    await runCase('3c retained page -> wsmqtt-sub', async (check) => {
      const t = `${topic}/retained-from-page`
      const payload = '保持されたメッセージ (retained, from the page)'
      // QoS 1: the PUBACK tells that the broker holds the retained message before the sub starts.
      await page.evaluate(([tt, p]) => window.demo.publish(tt, p, { qos: 1, retain: true }), [t, payload])
      const r = await run(SUB, ['-L', WS_URL, '-t', t, '-C', '1', '-W', '10'])
      check(r.code === 0, `wsmqtt-sub: ${describe(r)}`)
      check(r.stdout.equals(Buffer.from(`${payload}\n`)), `wsmqtt-sub printed ${JSON.stringify(r.stdout.toString())}`)
      await page.evaluate((tt) => window.demo.publish(tt, '', { qos: 1, retain: true }), t) // clear it
    })

    await runCase('3d retained wsmqtt-pub -> page', async (check) => {
      const t = `${topic}/retained-from-cli`
      const payload = '保持されたメッセージ (retained, from wsmqtt-pub)'
      const r = await run(PUB, ['-L', WS_URL, '-t', t, '-q', '1', '-r', '-m', payload])
      check(r.code === 0, `wsmqtt-pub: ${describe(r)}`)
      await page.evaluate((tt) => window.demo.subscribe(tt), t) // after the publish: only retain brings it
      const text = await waitForMessage(page, t, payload, { retained: true })
      check(text === `${t}: ${payload} (retained)`, `page shows ${JSON.stringify(text)}`)
      await page.evaluate(async (tt) => { // clear it, without listing the empty message
        await window.demo.unsubscribe(tt)
        await window.demo.publish(tt, '', { qos: 1, retain: true })
      }, t)
    })

    await runCase('4 Chromium killed -> will "Connection Closed abnormally..!"', async (check) => {
      // The subscriber proves it is subscribed by receiving a retained marker under the will
      // topic (WillMsg/RUN/ready, matched by WillMsg/RUN/#); then the browser dies.
      const marker = `${willTopic}/ready`
      const m = await run(PUB, ['-L', WS_URL, '-t', marker, '-q', '1', '-r', '-m', 'ready'])
      check(m.code === 0, `wsmqtt-pub (marker): ${describe(m)}`)
      const sub = start(SUB, ['-L', WS_URL, '-t', `${willTopic}/#`, '-v', '-C', '2', '-W', '15'], 20_000)
      const ready = await Promise.race([sub.waitForOutput(`${marker} ready\n`), delay(10_000).then(() => false)])
      check(ready, 'wsmqtt-sub never showed the retained marker')
      const pidOk = Number.isInteger(browser?.pid)
      check(pidOk, 'no Chromium PID to kill')
      if (ready && pidOk) {
        const killed = killTree(browser.pid)
        browser.closed = true
        log(`SIGKILL to Chromium process tree: ${killed.join(' ')}`)
      }
      const r = await sub.done
      check(r.code === 0, `wsmqtt-sub: ${describe(r)}`)
      check(r.stdout.toString() === `${marker} ready\n${willTopic} Connection Closed abnormally..!\n`,
        `wsmqtt-sub printed ${JSON.stringify(r.stdout.toString())}`)
      await run(PUB, ['-L', WS_URL, '-t', marker, '-q', '1', '-r', '-n']) // clear the marker
    })
    await closeBrowser(browser)
    browser = null
    page = null

    // ---- wss: the test CA trusted in the fresh profile's own NSS database, nothing switched off.
    const runTls = `${runId}-tls`
    const tlsTopic = `testtopic/${runTls}`
    await runCase('5 wss: CA in a fresh NSS database; wsmqtt-pub/sub with --cafile', async (check) => {
      const home = mkdtempSync(path.join(TMP, 'home-wss.'))
      const db = `sql:${home}/.pki/nssdb`
      mkdirSync(path.join(home, '.pki/nssdb'), { recursive: true })
      execFileSync('certutil', ['-N', '-d', db, '--empty-password'], { timeout: STEP_MS })
      execFileSync('certutil', ['-A', '-d', db, '-n', 'testca', '-t', 'C,,', '-i', CA_FILE], { timeout: STEP_MS })
      browser = await launchBrowser('wss', home)
      page = await openPage(browser, server, { scheme: 'wss', host: TLS_HOST, port: WSS_PORT, run: runTls })
      await waitSubscribed(page)
      const r1 = await run(PUB, ['-L', WSS_URL, '--cafile', CA_FILE, '-t', tlsTopic, '-m', `Hello over wss: ${jp}`])
      check(r1.code === 0, `wsmqtt-pub: ${describe(r1)}`)
      await waitForMessage(page, tlsTopic, `Hello over wss: ${jp}`)
      const r2 = await subWhilePagePublishes(['-L', WSS_URL, '--cafile', CA_FILE, '-t', tlsTopic, '-C', '1', '-W', '10'],
        () => page.click('#publish'))
      check(r2.code === 0, `wsmqtt-sub: ${describe(r2)}`)
      check(r2.stdout.toString() === 'ws connection demo...!\n', `wsmqtt-sub printed ${JSON.stringify(r2.stdout.toString())}`)
      await page.screenshot({ path: path.join(ARTIFACTS, 'case5.png') })
    })

    if (WRONG_WSS_PORT) {
      await runCase('5 wss: same browser refuses a certificate for the wrong name', async (check) => {
        const p2 = await openPage(browser, server, { scheme: 'wss', host: TLS_HOST, port: WRONG_WSS_PORT, run: runTls },
          { fresh: true, label: 'wss-wrong-name' })
        // A failed TLS handshake closes the WebSocket: the page counts a close, and no connect.
        await waitClosed(p2)
        check(await p2.getAttribute('#status', 'data-connect') === '0', 'the page connected to the wrong-name certificate')
        check(p2.consoleText().includes('ERR_CERT_COMMON_NAME_INVALID') || await p2.waitForConsole('ERR_CERT_COMMON_NAME_INVALID'), 'Chromium did not report ERR_CERT_COMMON_NAME_INVALID')
        await p2.close()
      })
    }
    await closeBrowser(browser)
    browser = null
    page = null

    await runCase('5 wss: without the CA in NSS the browser refuses the broker', async (check) => {
      const b = await launchBrowser('wss-untrusted', mkdtempSync(path.join(TMP, 'home-untrusted.')))
      const p = await openPage(b, server, { scheme: 'wss', host: TLS_HOST, port: WSS_PORT, run: runTls })
      await waitClosed(p)
      check(await p.getAttribute('#status', 'data-connect') === '0', 'the page connected without the CA')
      check(p.consoleText().includes('ERR_CERT_AUTHORITY_INVALID') || await p.waitForConsole('ERR_CERT_AUTHORITY_INVALID'), 'Chromium did not report ERR_CERT_AUTHORITY_INVALID')
      await closeBrowser(b)
    })
  } finally {
    await cleanup(server)
  }
}

let cleanedUp = false
async function cleanup(server) {
  if (cleanedUp) return
  cleanedUp = true
  for (const b of browsers) await closeBrowser(b)
  for (const c of children) if (c.pid) { try { process.kill(c.pid, 'SIGKILL') } catch { /* gone */ } }
  if (server) await server.close()
  if (ownTmp) rmSync(TMP, { recursive: true, force: true })
}

const deadline = setTimeout(async () => {
  console.log(['case', 'whole run', 'fail', WHOLE_RUN_MS, `not finished within ${WHOLE_RUN_MS / 1000} s`].join('\t'))
  await cleanup(null)
  process.exit(1)
}, WHOLE_RUN_MS)

try {
  await main()
} catch (e) {
  console.log(['case', 'setup', 'fail', 0, String(e.message).split('\n')[0]].join('\t'))
  results.push({ ok: false })
}
clearTimeout(deadline)
log(`artifacts in ${ARTIFACTS}`)
process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1)
