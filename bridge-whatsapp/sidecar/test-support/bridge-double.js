// Plays the Java bridge's side of the protocol against a spawned sidecar: answers state requests from a map.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { PROTOCOL_VERSION } from '../src/channel.js'

export const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url))

export function startSidecar () {
  const child = spawn(process.execPath, [MAIN], { stdio: ['pipe', 'pipe', 'pipe'] })
  const state = new Map()
  const messages = []
  const waiters = []
  let nextId = 1
  const pending = new Map()
  let stderr = ''
  child.stderr.on('data', d => { stderr += d })
  const write = m => child.stdin.write(JSON.stringify({ v: PROTOCOL_VERSION, ...m }) + '\n')
  createInterface({ input: child.stdout }).on('line', line => {
    const m = JSON.parse(line)
    messages.push(m)
    if (m.type === 'request' && m.method === 'state.get') {
      const values = {}
      for (const n of m.params.names) values[n] = state.get(`${m.params.session}|${n}`) ?? null
      write({ type: 'response', id: m.id, ok: true, result: { values } })
    } else if (m.type === 'request' && m.method === 'state.set') {
      for (const [n, v] of Object.entries(m.params.values)) {
        if (v === null) state.delete(`${m.params.session}|${n}`)
        else state.set(`${m.params.session}|${n}`, v)
      }
      write({ type: 'response', id: m.id, ok: true, result: {} })
    } else if (m.type === 'response' && pending.has(m.id)) {
      pending.get(m.id)(m)
      pending.delete(m.id)
    }
    for (const w of [...waiters]) {
      if (w.test(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m) }
    }
  })
  return {
    child,
    state,
    messages,
    stderr: () => stderr,
    send: m => write(m),
    request (method, params = {}) {
      const id = nextId++
      return new Promise(resolve => { pending.set(id, resolve); write({ type: 'request', id, method, params }) })
    },
    waitFor (test, timeoutMs = 30000) {
      const seen = messages.find(test)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const w = { test, resolve }
        waiters.push(w)
        setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error('timed out waiting; stderr: ' + stderr)) }, timeoutMs).unref()
      })
    },
    stop () { child.stdin.end(); return new Promise(resolve => child.on('exit', resolve)) }
  }
}
