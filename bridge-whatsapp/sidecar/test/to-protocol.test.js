// Baileys messages, built with Baileys' own proto classes, → protocol events.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { proto } from 'baileys'
import { toProtocol, receiptToProtocol, presenceToProtocol } from '../src/to-protocol.js'

const sha256 = text => createHash('sha256').update(text).digest('hex')
const ALICE_PN = '33600000001@s.whatsapp.net'
const ALICE_LID = '111111111111111@lid'
const BOB_PN = '33600000002@s.whatsapp.net'
const GROUP = '120363000000000001@g.us'

// A received message as Baileys hands it to messages.upsert (decoded from the wire into proto.WebMessageInfo).
function received (key, message, seconds = 1700000000) {
  return proto.WebMessageInfo.fromObject({ key, message: proto.Message.fromObject(message), messageTimestamp: seconds, pushName: 'Alice' })
}

const dmKey = (id = 'M1') => ({ remoteJid: ALICE_PN, fromMe: false, id })
const groupKey = (id = 'G1') => ({ remoteJid: GROUP, fromMe: false, id, participant: ALICE_LID })

test('plain text in a DM: chat, sender, id, time in ms, push name', () => {
  const [e] = toProtocol(received(dmKey(), { conversation: 'hello *world*' }))
  assert.equal(e.event, 'message')
  assert.deepEqual(e.data, {
    chat: ALICE_PN, id: 'M1', fromMe: false, timestamp: 1700000000000, sender: ALICE_PN, pushName: 'Alice',
    content: { kind: 'text', text: 'hello *world*' }
  })
})

test('a LID-addressed DM keeps the phone-number alternative that arrived with it', () => {
  const msg = received({ remoteJid: ALICE_LID, fromMe: false, id: 'M2' }, { conversation: 'hi' })
  msg.key.remoteJidAlt = ALICE_PN // Baileys adds this non-proto field when decoding
  const [e] = toProtocol(msg)
  assert.equal(e.data.chat, ALICE_LID)
  assert.equal(e.data.sender, ALICE_LID)
  assert.equal(e.data.senderAlt, ALICE_PN)
  assert.equal(e.data.chatAlt, ALICE_PN)
})

test('group message: sender is the participant (without device), with its PN alternative', () => {
  const msg = received({ ...groupKey(), participant: '111111111111111:12@lid' }, { conversation: 'team' })
  msg.key.participantAlt = '33600000001:12@s.whatsapp.net'
  const [e] = toProtocol(msg)
  assert.equal(e.data.chat, GROUP)
  assert.equal(e.data.sender, ALICE_LID)
  assert.equal(e.data.senderAlt, ALICE_PN)
  assert.equal(e.data.chatAlt, undefined)
})

test('own message sent from the phone has no sender and fromMe', () => {
  const [e] = toProtocol(received({ remoteJid: BOB_PN, fromMe: true, id: 'ME1' }, { conversation: 'from phone' }))
  assert.equal(e.data.fromMe, true)
  assert.equal(e.data.sender, undefined)
})

test('extended text with a reply and mentions', () => {
  const [e] = toProtocol(received(groupKey('G2'), {
    extendedTextMessage: {
      text: '@33600000002 look',
      contextInfo: { stanzaId: 'G0', participant: BOB_PN, quotedMessage: { conversation: 'orig' }, mentionedJid: [BOB_PN] }
    }
  }))
  assert.deepEqual(e.data.content, { kind: 'text', text: '@33600000002 look' })
  assert.deepEqual(e.data.replyTo, { id: 'G0', participant: BOB_PN })
  assert.deepEqual(e.data.mentions, [BOB_PN])
})

test('media kinds with their metadata and the raw message for download', () => {
  const cases = [
    [{ imageMessage: { mimetype: 'image/jpeg', width: 640, height: 480, fileLength: 1234, caption: 'cat' } },
      { kind: 'image', mimetype: 'image/jpeg', width: 640, height: 480, size: 1234, caption: 'cat' }],
    [{ videoMessage: { mimetype: 'video/mp4', seconds: 3, gifPlayback: true } }, { kind: 'gif', mimetype: 'video/mp4', seconds: 3 }],
    [{ videoMessage: { mimetype: 'video/mp4', seconds: 9 } }, { kind: 'video', mimetype: 'video/mp4', seconds: 9 }],
    [{ audioMessage: { mimetype: 'audio/ogg; codecs=opus', seconds: 4, ptt: true, waveform: Buffer.from([0, 50, 99]) } },
      { kind: 'voice', mimetype: 'audio/ogg; codecs=opus', seconds: 4, waveform: 'ADJj' }],
    [{ audioMessage: { mimetype: 'audio/mpeg', seconds: 180 } }, { kind: 'audio', mimetype: 'audio/mpeg', seconds: 180 }],
    [{ documentMessage: { mimetype: 'application/pdf', fileName: 'a.pdf', fileLength: 10 } },
      { kind: 'document', mimetype: 'application/pdf', fileName: 'a.pdf', size: 10 }],
    [{ documentWithCaptionMessage: { message: { documentMessage: { mimetype: 'text/plain', fileName: 'n.txt', caption: 'notes' } } } },
      { kind: 'document', mimetype: 'text/plain', fileName: 'n.txt', caption: 'notes' }],
    [{ stickerMessage: { mimetype: 'image/webp', width: 512, height: 512 } }, { kind: 'sticker', mimetype: 'image/webp', width: 512, height: 512 }]
  ]
  for (const [message, expected] of cases) {
    const msg = received(dmKey('MEDIA'), message)
    const [e] = toProtocol(msg)
    assert.deepEqual(e.data.content, expected)
    const back = proto.WebMessageInfo.decode(Buffer.from(e.data.raw, 'base64'))
    assert.equal(back.key.id, 'MEDIA', 'raw decodes to the same message')
  }
})

test('location, live location, contacts and polls', () => {
  const kinds = [
    [{ locationMessage: { degreesLatitude: 48.85, degreesLongitude: 2.35, name: 'Paris' } }, { kind: 'location', latitude: 48.85, longitude: 2.35, name: 'Paris' }],
    [{ liveLocationMessage: { degreesLatitude: 1.5, degreesLongitude: 2.5, caption: 'omw' } }, { kind: 'live_location', latitude: 1.5, longitude: 2.5, caption: 'omw' }],
    [{ contactMessage: { displayName: 'Bob', vcard: 'BEGIN:VCARD\nFN:Bob\nEND:VCARD' } }, { kind: 'contacts', contacts: [{ name: 'Bob', vcard: 'BEGIN:VCARD\nFN:Bob\nEND:VCARD' }] }],
    [{ pollCreationMessageV3: { name: 'Lunch?', options: [{ optionName: 'Yes' }, { optionName: 'No' }], selectableOptionsCount: 1 } },
      { kind: 'poll', name: 'Lunch?', options: [{ id: sha256('Yes'), text: 'Yes' }, { id: sha256('No'), text: 'No' }], selectable: 1 }]
  ]
  for (const [message, expected] of kinds) {
    assert.deepEqual(toProtocol(received(dmKey(), message))[0].data.content, expected)
  }
})

test('view-once media becomes a view_once notice, never the media', () => {
  const [e] = toProtocol(received(dmKey(), { viewOnceMessageV2: { message: { imageMessage: { mimetype: 'image/jpeg' } } } }))
  assert.deepEqual(e.data.content, { kind: 'view_once' })
  assert.equal(e.data.raw, undefined)
})

test('ephemeral wrappers are unwrapped', () => {
  const [e] = toProtocol(received(dmKey(), { ephemeralMessage: { message: { conversation: 'disappearing' } } }))
  assert.deepEqual(e.data.content, { kind: 'text', text: 'disappearing' })
})

test('revoke → delete, edit → edit with the new content', () => {
  const [del] = toProtocol(received(dmKey('P1'), { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { remoteJid: ALICE_PN, id: 'M1' } } }))
  assert.equal(del.event, 'delete')
  assert.equal(del.data.target, 'M1')
  const [edit] = toProtocol(received(dmKey('P2'), {
    protocolMessage: { type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT, key: { remoteJid: ALICE_PN, id: 'M1' }, editedMessage: { conversation: 'fixed' } }
  }))
  assert.equal(edit.event, 'edit')
  assert.equal(edit.data.target, 'M1')
  assert.deepEqual(edit.data.content, { kind: 'text', text: 'fixed' })
})

test('reaction and its removal', () => {
  const [add] = toProtocol(received(dmKey('R1'), { reactionMessage: { key: { remoteJid: ALICE_PN, id: 'M1' }, text: '👍' } }))
  assert.deepEqual([add.event, add.data.target, add.data.emoji, add.data.removed], ['reaction', 'M1', '👍', false])
  const [removed] = toProtocol(received(dmKey('R2'), { reactionMessage: { key: { remoteJid: ALICE_PN, id: 'M1' }, text: '' } }))
  assert.equal(removed.data.removed, true)
})

test('status broadcasts, broadcast-list copies and key distribution alone are not bridged', () => {
  assert.deepEqual(toProtocol(received({ remoteJid: 'status@broadcast', id: 'S', participant: ALICE_PN }, { conversation: 'story' })), [])
  assert.deepEqual(toProtocol(received({ remoteJid: '12345@broadcast', id: 'B', fromMe: true }, { conversation: 'to many' })), [])
  assert.deepEqual(toProtocol(received(groupKey(), { senderKeyDistributionMessage: { groupId: GROUP } })), [])
})

test('an unknown kind is reported as unsupported, not dropped', () => {
  const [e] = toProtocol(received(dmKey(), { eventMessage: { name: 'Party' } }))
  assert.deepEqual(e.data.content, { kind: 'unsupported', type: 'eventMessage' })
})

test('read receipts and typing', () => {
  assert.deepEqual(receiptToProtocol({ key: { remoteJid: GROUP, id: 'G1', fromMe: true }, receipt: { userJid: BOB_PN, readTimestamp: 1700000005 } }),
    [{ event: 'receipt', data: { chat: GROUP, target: 'G1', reader: BOB_PN, timestamp: 1700000005000 } }])
  assert.deepEqual(receiptToProtocol({ key: { remoteJid: BOB_PN, id: 'X' }, receipt: { userJid: BOB_PN, receiptTimestamp: 1 } }), [], 'delivery is not a read')
  assert.deepEqual(presenceToProtocol({ id: GROUP, presences: { [ALICE_LID]: { lastKnownPresence: 'composing' }, [BOB_PN]: { lastKnownPresence: 'recording' } } }), [
    { event: 'typing', data: { chat: GROUP, sender: ALICE_LID, state: 'typing' } },
    { event: 'typing', data: { chat: GROUP, sender: BOB_PN, state: 'recording' } }
  ])
})

test('presence: online, and away with when they were last seen', () => {
  assert.deepEqual(presenceToProtocol({ id: BOB_PN, presences: { [BOB_PN]: { lastKnownPresence: 'available' } } }).filter(e => e.event === 'presence'),
    [{ event: 'presence', data: { user: BOB_PN, online: true } }])
  assert.deepEqual(presenceToProtocol({ id: BOB_PN, presences: { [BOB_PN]: { lastKnownPresence: 'unavailable', lastSeen: 1700000009 } } }).filter(e => e.event === 'presence'),
    [{ event: 'presence', data: { user: BOB_PN, online: false, lastSeen: 1700000009000 } }])
})
