// Opens a wsmqtt --report HTML file in headless Chromium (playwright-core, from tests/npm) with
// the network cut off, and checks it against the JSON summary of the same run:
//   node check-report.mjs REPORT.html SUMMARY.json SCREENSHOT.png
// - the throughput chart has exactly one point per second of the run (= timeline entries), and
//   each point carries that second's message count;
// - every figure on the page (td[data-key]) equals the JSON value at that key;
// - the page reached its end (body[data-ready]) without a script error.
// Prints "ok: ..." and exits 0, or prints the differences and exits 1.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(path.resolve(here, '../npm/package.json'))
const { chromium } = require('playwright-core')

const [reportFile, summaryFile, screenshotFile] = process.argv.slice(2)
if (!reportFile || !summaryFile || !screenshotFile) {
  console.error('usage: node check-report.mjs REPORT.html SUMMARY.json SCREENSHOT.png')
  process.exit(2)
}
const summary = JSON.parse(readFileSync(summaryFile, 'utf8'))
const problems = []
const userDataDir = mkdtempSync(path.join(tmpdir(), 'wsmqtt-load-report.'))
let context
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
    viewport: { width: 920, height: 900 },
  })
  const page = context.pages()[0] || await context.newPage()
  page.setDefaultTimeout(15_000)
  // A self-contained report needs nothing but its own file.
  const fetched = []
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('file:')) return route.continue()
    fetched.push(url)
    return route.abort()
  })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(pathToFileURL(path.resolve(reportFile)).href)
  await page.waitForSelector('body[data-ready="1"]')

  const points = await page.$$eval('#throughput circle.point', (cs) => cs.map((c) => Number(c.dataset.messages)))
  const seconds = summary.timeline.length
  if (points.length !== seconds) problems.push(`chart has ${points.length} points, the run lasted ${seconds} s`)
  if (seconds !== Math.max(1, Math.ceil(summary.duration_s))) {
    problems.push(`timeline has ${seconds} entries for a run of ${summary.duration_s} s`)
  }
  summary.timeline.forEach((s, i) => {
    if (points[i] !== s.messages) problems.push(`point ${i}: ${points[i]} messages, JSON says ${s.messages}`)
  })
  const figures = await page.$$eval('td[data-key]', (tds) => tds.map((td) => [td.dataset.key, td.textContent]))
  const get = (p) => p.split('.').reduce((o, k) => (o == null ? undefined : o[k]), summary)
  for (const [key, text] of figures) {
    if (String(get(key)) !== text) problems.push(`figure ${key}: page shows ${text}, JSON has ${get(key)}`)
  }
  for (const key of ['messages', 'latency.p50', 'latency.p99', 'latency.max']) {
    if (!figures.some(([k]) => k === key)) problems.push(`figure ${key} missing from the page`)
  }
  if (summary.latency.count > 0) {
    const marks = await page.$$eval('#latency circle.mark', (cs) => cs.length)
    if (marks !== 4) problems.push(`latency curve has ${marks} percentile marks, expected 4`)
  }
  if (errors.length) problems.push(`page errors: ${errors.join('; ')}`)
  if (fetched.length) problems.push(`the page tried to fetch: ${fetched.join(', ')}`)
  await page.screenshot({ path: screenshotFile, fullPage: true })
  if (problems.length === 0) {
    console.log(`ok: ${points.length} points for ${seconds} s, ${figures.length} figures equal the JSON`)
  }
} catch (e) {
  problems.push(`browser: ${e.message}`)
} finally {
  if (context) await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))])
  rmSync(userDataDir, { recursive: true, force: true })
}
for (const p of problems) console.log(`problem: ${p}`)
process.exit(problems.length ? 1 : 0)
