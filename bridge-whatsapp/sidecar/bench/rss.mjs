// Resident memory of one sidecar process with 1, 10 and 50 idle Baileys sockets, offline.
// Run: node bench/rss.mjs [settleSeconds=20] (the median of one sample a second). Each count gets a fresh process; the bridge side is played by the
// test double (state kept in memory). Offline, each socket fails to reach WhatsApp and waits (backoff) between tries:
// that is the idle state measured.
import { readFileSync } from 'node:fs'
import { startSidecar } from '../test-support/bridge-double.js'

const settle = Number(process.argv[2] ?? 20) * 1000
const rssKb = pid => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1])

console.log('| sockets | RSS (MiB) | per socket above 1 (MiB) |')
console.log('| ---: | ---: | ---: |')
let base
for (const n of [0, 1, 10, 50]) {
  const sidecar = startSidecar()
  await sidecar.request('hello', { protocol: 1 })
  for (let i = 0; i < n; i++) await sidecar.request('session.open', { session: `bench-${i}` })
  // Garbage comes and goes: sample every second over the settling time and keep the median.
  const samples = []
  for (let t = 0; t < settle; t += 1000) {
    await new Promise(resolve => setTimeout(resolve, 1000))
    samples.push(rssKb(sidecar.child.pid))
  }
  samples.sort((a, b) => a - b)
  const kb = samples[Math.floor(samples.length / 2)]
  if (n === 1) base = kb
  const per = n > 1 ? ((kb - base) / (n - 1) / 1024).toFixed(2) : ''
  console.log(`| ${n} | ${(kb / 1024).toFixed(1)} | ${per} |`)
  await sidecar.stop()
}
