// Protocol send requests → Baileys socket calls, with the socket replaced by a recorder.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sendMessage, sendEdit, sendReaction, sendDelete, sendRead, sendTyping } from '../src/from-protocol.js'

const BOB = '33600000002@s.whatsapp.net'
const GROUP = '120363000000000001@g.us'

function recorder () {
  const calls = []
  return {
    calls,
    async sendMessage (jid, content, options) {
      calls.push(['sendMessage', jid, content, options])
      return { key: { remoteJid: jid, id: 'SENT' + calls.length, fromMe: true }, messageTimestamp: 1700000100 }
    },
    async readMessages (keys) { calls.push(['readMessages', keys]) },
    async sendPresenceUpdate (type, jid) { calls.push(['sendPresenceUpdate', type, jid]) }
  }
}

test('text with mentions; the answer carries the WhatsApp id and time', async () => {
  const sock = recorder()
  const r = await sendMessage(sock, { chat: GROUP, content: { kind: 'text', text: '@33600000002 hi' }, mentions: [BOB] })
  assert.deepEqual(r, { id: 'SENT1', timestamp: 1700000100000 })
  assert.deepEqual(sock.calls, [['sendMessage', GROUP, { text: '@33600000002 hi', mentions: [BOB] }, {}]])
})

test('the message id chosen by the bridge is kept, so a repeated send is the same message', async () => {
  const sock = recorder()
  await sendMessage(sock, { chat: BOB, content: { kind: 'text', text: 'once' }, messageId: '3EB0ABCDEF' })
  assert.deepEqual(sock.calls[0][3], { messageId: '3EB0ABCDEF' })
})

test('mentions may come inside the content, as the bridge sends them', async () => {
  const sock = recorder()
  await sendMessage(sock, { chat: GROUP, content: { kind: 'text', text: '@33600000002 hi', mentions: [BOB] } })
  assert.deepEqual(sock.calls[0][2], { text: '@33600000002 hi', mentions: [BOB] })
})

test('a reply quotes the original by key', async () => {
  const sock = recorder()
  await sendMessage(sock, { chat: GROUP, content: { kind: 'text', text: 'yes' }, replyTo: { id: 'ORIG', fromMe: false, participant: BOB, text: 'coffee?' } })
  const [, , content, options] = sock.calls[0]
  assert.deepEqual(content, { text: 'yes' })
  assert.deepEqual(options.quoted, { key: { remoteJid: GROUP, id: 'ORIG', fromMe: false, participant: BOB }, message: { conversation: 'coffee?' } })
})

test('media kinds become Baileys media contents with the decoded bytes', async () => {
  const data = Buffer.from('bytes').toString('base64')
  const cases = [
    [{ kind: 'image', data, mimetype: 'image/png', caption: 'c' }, { image: Buffer.from('bytes'), mimetype: 'image/png', caption: 'c' }],
    [{ kind: 'gif', data, mimetype: 'video/mp4' }, { video: Buffer.from('bytes'), gifPlayback: true, mimetype: 'video/mp4', caption: '' }],
    [{ kind: 'voice', data, mimetype: 'audio/ogg', seconds: 3 }, { audio: Buffer.from('bytes'), ptt: true, mimetype: 'audio/ogg', seconds: 3 }],
    [{ kind: 'voice', data, mimetype: 'audio/ogg', seconds: 3, waveform: Buffer.from([0, 50, 100]).toString('base64') },
      { audio: Buffer.from('bytes'), ptt: true, mimetype: 'audio/ogg', seconds: 3, waveform: new Uint8Array([0, 50, 100]) }],
    [{ kind: 'document', data, mimetype: 'application/pdf', fileName: 'a.pdf' }, { document: Buffer.from('bytes'), mimetype: 'application/pdf', fileName: 'a.pdf', caption: '' }],
    [{ kind: 'location', latitude: 1, longitude: 2, name: 'X' }, { location: { degreesLatitude: 1, degreesLongitude: 2, name: 'X' } }]
  ]
  for (const [content, expected] of cases) {
    const sock = recorder()
    await sendMessage(sock, { chat: BOB, content })
    assert.deepEqual(sock.calls[0][2], expected)
  }
})

test('an unsendable kind is refused before reaching the socket', async () => {
  const sock = recorder()
  await assert.rejects(sendMessage(sock, { chat: BOB, content: { kind: 'payment' } }), /cannot send a payment/)
  assert.deepEqual(sock.calls, [])
})

test('edit, reaction, unreaction and delete address the original message by key', async () => {
  const sock = recorder()
  const target = { id: 'MINE', fromMe: true }
  const key = { remoteJid: BOB, id: 'MINE', fromMe: true }
  await sendEdit(sock, { chat: BOB, target, content: { kind: 'text', text: 'fixed' } })
  await sendReaction(sock, { chat: BOB, target: { id: 'THEIRS', fromMe: false }, emoji: '❤️' })
  await sendReaction(sock, { chat: BOB, target: { id: 'THEIRS', fromMe: false }, emoji: '' })
  await sendDelete(sock, { chat: BOB, target })
  assert.deepEqual(sock.calls.map(c => c[2]), [
    { text: 'fixed', edit: key },
    { react: { text: '❤️', key: { remoteJid: BOB, id: 'THEIRS', fromMe: false } } },
    { react: { text: '', key: { remoteJid: BOB, id: 'THEIRS', fromMe: false } } },
    { delete: key }
  ])
})

test('read receipts and typing states', async () => {
  const sock = recorder()
  await sendRead(sock, { chat: GROUP, target: { id: 'G1', participant: BOB } })
  await sendTyping(sock, { chat: GROUP, state: 'typing' })
  await sendTyping(sock, { chat: GROUP, state: 'recording' })
  await sendTyping(sock, { chat: GROUP, state: 'stopped' })
  assert.deepEqual(sock.calls, [
    ['readMessages', [{ remoteJid: GROUP, id: 'G1', fromMe: false, participant: BOB }]],
    ['sendPresenceUpdate', 'composing', GROUP],
    ['sendPresenceUpdate', 'recording', GROUP],
    ['sendPresenceUpdate', 'paused', GROUP]
  ])
  await assert.rejects(sendTyping(sock, { chat: GROUP, state: 'dancing' }), /unknown typing state/)
})
