// A session's reaction to its socket's events, with Baileys' socket replaced by an event recorder.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { Boom } from '@hapi/boom'
import { DisconnectReason, proto } from 'baileys'
import { Session } from '../src/session.js'
import { makeLogger, safeFields } from '../src/logger.js'

function harness () {
  const emitted = []
  const sockets = []
  const channel = { emit: (event, session, data) => emitted.push({ event, session, data }) }
  const session = new Session({
    channel,
    id: 'S',
    log: makeLogger('silent'),
    authState: async () => ({ state: { creds: { me: { id: '33600000001:3@s.whatsapp.net' } }, keys: { get: async () => ({}), set: async () => {} } }, saveCreds: async () => {}, fresh: false }),
    makeSocket: () => {
      const sock = {
        ev: new EventEmitter(),
        ended: 0,
        end () { this.ended++ },
        subscribed: [],
        async presenceSubscribe (jid) { this.subscribed.push(jid) },
        async groupMetadata (jid) {
          if (jid === '1209@g.us') return { id: jid, subject: 'Neighbours', isCommunity: true, participants: [] }
          if (jid === '1210@g.us') return { id: jid, subject: 'Neighbours', linkedParent: '1209@g.us', isCommunityAnnounce: true, announce: true, participants: [] }
          return { id: jid, subject: 'The team', participants: [] }
        },
        async profilePictureUrl (jid) { return 'https://pps.whatsapp.net/v/t61.24694-24/12345_678_n.jpg?ccb=11-4&oh=signed&oe=FFFF' }
      }
      sockets.push(sock)
      return sock
    }
  })
  return { session, emitted, sockets }
}

const close = code => ({ connection: 'close', lastDisconnect: { error: new Boom('closed', { statusCode: code }) } })

test('QR codes and the open connection are reported with the account id', async () => {
  const { session, emitted, sockets } = harness()
  await session.open()
  sockets[0].ev.emit('connection.update', { qr: '2@abc' })
  sockets[0].ev.emit('connection.update', { connection: 'open' })
  assert.deepEqual(emitted.map(e => [e.event, e.data]), [
    ['connection', { state: 'connecting', fresh: false }],
    ['qr', { code: '2@abc' }],
    ['connection', { state: 'open', me: { id: '33600000001@s.whatsapp.net' } }]
  ])
})

test('a lost connection is transient and a new socket follows; restart-required reconnects at once', async () => {
  const { session, emitted, sockets } = harness()
  await session.open()
  sockets[0].ev.emit('connection.update', close(DisconnectReason.restartRequired))
  const last = emitted.at(-1).data
  assert.deepEqual([last.state, last.reason, last.retryInMs], ['close', 'restart_required', 0])
  await new Promise(resolve => setTimeout(resolve, 20))
  assert.equal(sockets.length, 2, 'a new socket after restartRequired')
  sockets[1].ev.emit('connection.update', close(DisconnectReason.connectionLost))
  assert.deepEqual([emitted.at(-1).data.reason, emitted.at(-1).data.retryInMs], ['transient', 1000])
  session.close()
})

test('logged out, replaced and banned are final: no new socket', async () => {
  for (const [code, reason] of [[DisconnectReason.loggedOut, 'logged_out'], [DisconnectReason.connectionReplaced, 'replaced'], [DisconnectReason.forbidden, 'banned']]) {
    const { session, emitted, sockets } = harness()
    await session.open()
    sockets[0].ev.emit('connection.update', close(code))
    assert.equal(emitted.at(-1).data.reason, reason)
    assert.equal(emitted.at(-1).data.retryInMs, -1)
    await new Promise(resolve => setTimeout(resolve, 20))
    assert.equal(sockets.length, 1)
    assert.equal(session.closed, true)
  }
})

test('messages, LID mappings and history become events of the session', async () => {
  const { session, emitted, sockets } = harness()
  await session.open()
  const msg = proto.WebMessageInfo.fromObject({ key: { remoteJid: '33600000002@s.whatsapp.net', id: 'A', fromMe: false }, message: { conversation: 'hi' }, messageTimestamp: 5 })
  sockets[0].ev.emit('messages.upsert', { messages: [msg], type: 'notify' })
  sockets[0].ev.emit('lid-mapping.update', { lid: '222:1@lid', pn: '33600000002@s.whatsapp.net' })
  sockets[0].ev.emit('messaging-history.set', { messages: [msg], contacts: [{ id: '33600000002@s.whatsapp.net', notify: 'Bob' }], chats: [], lidPnMappings: [] })
  const names = emitted.slice(1).map(e => e.event)
  assert.deepEqual(names, ['message', 'lid_mapping', 'contact', 'history'])
  assert.equal(emitted[1].data.live, true)
  assert.deepEqual(emitted[2].data, { lid: '222@lid', pn: '33600000002@s.whatsapp.net' })
  assert.equal(emitted[4].data.messages[0].id, 'A')
})

test('a send between connections fails with NOT_CONNECTED instead of vanishing', async () => {
  const { session, sockets } = harness()
  await session.open()
  sockets[0].ev.emit('connection.update', close(DisconnectReason.connectionLost))
  assert.throws(() => session.socket, e => e.code === 'NOT_CONNECTED')
  session.close()
})

test('the log keeps no key material', () => {
  assert.deepEqual(safeFields({ jid: 'x@s.whatsapp.net', privKey: 'AAAA', noiseKey: 'B', creds: { a: 1 }, err: new Error('boom'), count: 3, buf: Buffer.from('k') }),
    { jid: 'x@s.whatsapp.net', err: 'boom', count: 3 })
  const lines = []
  const log = makeLogger('warn', { write: l => lines.push(l) })
  log.info({ a: 1 }, 'hidden')
  log.warn({ signedPreKey: 'SECRET', attempt: 2 }, 'retrying')
  assert.deepEqual(lines, ['WARN retrying {"attempt":2}\n'])
})

test('DM partners who write are asked for their presence once; groups never', async () => {
  const { session, sockets } = harness()
  await session.open()
  const dm = id => proto.WebMessageInfo.fromObject({ key: { remoteJid: '33600000002@s.whatsapp.net', id, fromMe: false }, message: { conversation: 'hi' }, messageTimestamp: 5 })
  const inGroup = proto.WebMessageInfo.fromObject({ key: { remoteJid: '1203@g.us', participant: '33600000003@s.whatsapp.net', id: 'G', fromMe: false }, message: { conversation: 'hi' }, messageTimestamp: 5 })
  sockets[0].ev.emit('messages.upsert', { messages: [dm('A'), dm('B'), inGroup], type: 'notify' })
  assert.deepEqual(sockets[0].subscribed, ['33600000002@s.whatsapp.net'])
})

test('a group picture change makes the bridge read the group again; its info carries the picture with a stable id', async () => {
  const { session, emitted, sockets } = harness()
  await session.open()
  sockets[0].ev.emit('contacts.update', [{ id: '1203@g.us', imgUrl: 'changed' }])
  assert.deepEqual(emitted.at(-1), { event: 'group_changed', session: 'S', data: { chat: '1203@g.us', action: 'picture' } })
  const info = await session.chatInfo('1203@g.us')
  assert.deepEqual(info.picture, { id: '12345_678_n.jpg', url: 'https://pps.whatsapp.net/v/t61.24694-24/12345_678_n.jpg?ccb=11-4&oh=signed&oe=FFFF' })
  await assert.rejects(session.downloadPicture('http://169.254.169.254/'), e => e.code === 'BAD_REQUEST')
})

test('a community and its announcements group say so in their info, with the parent of the latter', async () => {
  const { session } = harness()
  await session.open()
  const community = await session.chatInfo('1209@g.us')
  assert.equal(community.community, true)
  const announcements = await session.chatInfo('1210@g.us')
  assert.deepEqual([announcements.communityAnnounce, announcements.announce, announcements.parent, announcements.community], [true, true, '1209@g.us', undefined])
  const group = await session.chatInfo('1203@g.us')
  assert.deepEqual([group.community, group.communityAnnounce, group.parent], [undefined, undefined, undefined])
})
