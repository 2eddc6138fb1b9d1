// The sidecar as the bridge runs it: a process speaking the protocol on stdin/stdout, with real Baileys offline.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { startSidecar } from '../test-support/bridge-double.js'

test('answers the version handshake and pings, and refuses another protocol version', async () => {
  const sidecar = startSidecar()
  try {
    const hello = await sidecar.request('hello', { protocol: 2 })
    assert.equal(hello.ok, true)
    assert.equal(hello.result.protocol, 2)
    assert.equal(hello.result.baileys, '7.0.0-rc14')
    const wrong = await sidecar.request('hello', { protocol: 1 })
    assert.equal(wrong.ok, false)
    assert.equal(wrong.error.code, 'VERSION')
    const ping = await sidecar.request('ping')
    assert.deepEqual(ping.result, { sessions: 0 })
    sidecar.send({ v: 7, type: 'request', id: 99, method: 'ping' })
    const refused = await sidecar.waitFor(m => m.id === 99)
    assert.equal(refused.v, 2)
    assert.match(refused.error.message, /speaks protocol 2.*sent 7/)
    assert.ok(sidecar.messages.every(m => m.v === 2), 'every line carries the protocol version')
  } finally {
    await sidecar.stop()
  }
})

test('a fresh login stores fresh creds through the bridge and reports the offline failure as transient', async () => {
  const sidecar = startSidecar()
  try {
    const opened = await sidecar.request('session.open', { session: 'fresh' })
    assert.equal(opened.ok, true, JSON.stringify(opened))
    const creds = JSON.parse(sidecar.state.get('fresh|creds'))
    assert.equal(creds.noiseKey.private.type, 'Buffer', 'creds stored with BufferJSON')
    const connecting = await sidecar.waitFor(m => m.event === 'connection' && m.data.state === 'connecting')
    assert.equal(connecting.session, 'fresh')
    assert.equal(connecting.data.fresh, true)
    const closed = await sidecar.waitFor(m => m.event === 'connection' && m.data.state === 'close')
    assert.equal(closed.data.reason, 'transient')
    assert.ok(closed.data.retryInMs > 0)
    assert.doesNotMatch(sidecar.stderr(), new RegExp(creds.noiseKey.private.data.replace(/[+/=]/g, '.')), 'no key in the log')
    const closedSession = await sidecar.request('session.close', { session: 'fresh' })
    assert.equal(closedSession.ok, true)
    assert.deepEqual((await sidecar.request('ping')).result, { sessions: 0 })
  } finally {
    await sidecar.stop()
  }
})

test('a send on an unknown session is refused with a code', async () => {
  const sidecar = startSidecar()
  try {
    const r = await sidecar.request('send.message', { session: 'nobody', chat: '1@s.whatsapp.net', content: { kind: 'text', text: 'x' } })
    assert.equal(r.ok, false)
    assert.equal(r.error.code, 'NO_SESSION')
  } finally {
    await sidecar.stop()
  }
})
