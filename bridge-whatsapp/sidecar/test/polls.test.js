// Polls: sending one keeps its secret with the bridge; votes, encrypted as WhatsApp does, come back as option ids.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { aesEncryptGCM, decryptPollVote, hmacSign, proto } from 'baileys'
import { Session } from '../src/session.js'
import { sendMessage, sendVote, changeParticipant } from '../src/from-protocol.js'
import { Polls } from '../src/polls.js'
import { makeLogger } from '../src/logger.js'

const ME = '33600000001@s.whatsapp.net'
const BOB = '33600000002@s.whatsapp.net'
const sha256 = text => createHash('sha256').update(text).digest()

// The bridge's side of state.get/state.set, as a map.
function bridge () {
  const state = new Map()
  const emitted = []
  return {
    state,
    emitted,
    emit: (event, session, data) => emitted.push({ event, session, data }),
    async request (method, { names, values }) {
      if (method === 'state.get') return { values: Object.fromEntries(names.map(n => [n, state.get(n) ?? null])) }
      for (const [n, v] of Object.entries(values)) state.set(n, v)
      return {}
    }
  }
}

// A vote as a WhatsApp client encrypts it (the inverse of Baileys' decryptPollVote).
function encryptVote ({ secret, pollId, creator, voter, options }) {
  const sign = Buffer.concat([Buffer.from(pollId), Buffer.from(creator), Buffer.from(voter), Buffer.from('Poll Vote'), new Uint8Array([1])])
  const key = hmacSign(sign, hmacSign(secret, new Uint8Array(32), 'sha256'), 'sha256')
  const iv = randomBytes(12)
  const plain = proto.Message.PollVoteMessage.encode({ selectedOptions: options.map(sha256) }).finish()
  return { encPayload: aesEncryptGCM(plain, key, iv, Buffer.from(`${pollId}\u0000${voter}`)), encIv: iv }
}

const voteFrom = (voter, pollKey, vote, id = 'V1') => proto.WebMessageInfo.fromObject({
  key: { remoteJid: voter, fromMe: false, id },
  message: { pollUpdateMessage: { pollCreationMessageKey: pollKey, vote, senderTimestampMs: 1700000001000 } },
  messageTimestamp: 1700000001
})

test('a poll sent from Matrix is a Baileys poll, its secret kept, and votes come back with the Matrix option ids', async () => {
  const channel = bridge()
  const polls = new Polls(channel, 'S', () => ({ id: ME }))
  const secret = randomBytes(32)
  const sock = {
    async sendMessage (jid, content, options) {
      this.content = content
      return proto.WebMessageInfo.fromObject({
        key: { remoteJid: jid, fromMe: true, id: options.messageId },
        message: { messageContextInfo: { messageSecret: secret }, pollCreationMessageV3: { name: content.poll.name, options: content.poll.values.map(optionName => ({ optionName })), selectableOptionsCount: content.poll.selectableCount } },
        messageTimestamp: 1700000000
      })
    }
  }
  const content = { kind: 'poll', name: 'Lunch?', options: [{ id: 'm-yes', text: 'Yes' }, { id: 'm-no', text: 'No' }], selectable: 1 }
  await sendMessage(sock, { chat: BOB, content, messageId: 'P1' }, polls)
  assert.deepEqual(sock.content, { poll: { name: 'Lunch?', values: ['Yes', 'No'], selectableCount: 1 } })
  assert.ok(channel.state.has('poll/P1'), 'the secret is kept by the bridge')

  // After a restart (nothing in memory) Bob's vote is read with the kept secret.
  const later = new Polls(channel, 'S', () => ({ id: ME }))
  const vote = encryptVote({ secret, pollId: 'P1', creator: ME, voter: BOB, options: ['No'] })
  assert.deepEqual(await later.vote(voteFrom(BOB, { remoteJid: BOB, fromMe: true, id: 'P1' }, vote)), ['m-no'])
})

test('a received poll keeps its secret; a vote on it arrives as poll_vote with the option hashes, an unreadable one with an error', async () => {
  const channel = bridge()
  const sockets = []
  const session = new Session({
    channel,
    id: 'S',
    log: makeLogger('silent'),
    authState: async () => ({ state: { creds: { me: { id: '33600000001:3@s.whatsapp.net' } }, keys: {} }, saveCreds: async () => {}, fresh: false }),
    makeSocket: () => { const s = { ev: new EventEmitter(), end () {} }; sockets.push(s); return s }
  })
  await session.open()
  const secret = randomBytes(32)
  const poll = proto.WebMessageInfo.fromObject({
    key: { remoteJid: BOB, fromMe: false, id: 'P2' },
    message: { messageContextInfo: { messageSecret: secret }, pollCreationMessageV3: { name: 'Where?', options: [{ optionName: 'Here' }, { optionName: 'There' }], selectableOptionsCount: 0 } },
    messageTimestamp: 1700000000
  })
  sockets[0].ev.emit('messages.upsert', { messages: [poll], type: 'notify' })
  const vote = encryptVote({ secret, pollId: 'P2', creator: BOB, voter: BOB, options: ['Here', 'There'] })
  sockets[0].ev.emit('messages.upsert', { messages: [voteFrom(BOB, { remoteJid: BOB, fromMe: false, id: 'P2' }, vote)], type: 'notify' })
  const forged = encryptVote({ secret: randomBytes(32), pollId: 'P2', creator: BOB, voter: BOB, options: ['Here'] })
  sockets[0].ev.emit('messages.upsert', { messages: [voteFrom(BOB, { remoteJid: BOB, fromMe: false, id: 'P2' }, forged, 'V2')], type: 'notify' })
  await new Promise(resolve => setTimeout(resolve, 50))
  const votes = channel.emitted.filter(e => e.event === 'poll_vote')
  assert.equal(votes.length, 2)
  assert.deepEqual(votes.find(v => v.data.id === 'V1').data.options, [sha256('Here').toString('hex'), sha256('There').toString('hex')])
  assert.equal(votes.find(v => v.data.id === 'V1').data.target, 'P2')
  assert.match(votes.find(v => v.data.id === 'V2').data.error, /could not be decrypted/)
  assert.deepEqual(channel.emitted.find(e => e.event === 'message').data.content.options.map(o => o.text), ['Here', 'There'])
})

test('a Matrix vote is a pollUpdateMessage that WhatsApp (here Baileys) decrypts to the chosen answers', async () => {
  const channel = bridge()
  const polls = new Polls(channel, 'S', () => ({ id: '33600000001:3@s.whatsapp.net' }))
  const secret = randomBytes(32)
  const poll = proto.WebMessageInfo.fromObject({
    key: { remoteJid: BOB, fromMe: false, id: 'P3' },
    message: { messageContextInfo: { messageSecret: secret }, pollCreationMessage: { name: 'Tea?', options: [{ optionName: 'Yes' }, { optionName: 'No' }], selectableOptionsCount: 1 } },
    messageTimestamp: 1700000000
  })
  await polls.remember(poll)
  const relayed = []
  const sock = { async relayMessage (jid, message) { relayed.push([jid, message]) } }
  await sendVote(sock, { chat: BOB, target: { id: 'P3', fromMe: false }, options: [sha256('No').toString('hex')] }, polls)
  const [[jid, message]] = relayed
  assert.equal(jid, BOB)
  const update = message.pollUpdateMessage
  assert.equal(update.pollCreationMessageKey.id, 'P3')
  const vote = decryptPollVote(update.vote, { pollCreatorJid: BOB, pollMsgId: 'P3', pollEncKey: secret, voterJid: ME })
  assert.deepEqual(vote.selectedOptions.map(h => Buffer.from(h).toString('hex')), [sha256('No').toString('hex')])

  await assert.rejects(sendVote(sock, { chat: BOB, target: { id: 'OLD' }, options: [] }, polls), e => e.code === 'UNKNOWN_POLL')
  await assert.rejects(sendVote(sock, { chat: BOB, target: { id: 'P3' }, options: ['maybe'] }, polls), e => e.code === 'BAD_REQUEST')
})

test('adding and removing participants: WhatsApp refusals per person become codes the bridge explains', async () => {
  const calls = []
  const sock = status => ({ async groupParticipantsUpdate (chat, jids, action) { calls.push([chat, jids, action]); return [{ status, jid: jids[0] }] } })
  assert.deepEqual(await changeParticipant(sock('200'), { chat: '1@g.us', participant: BOB, action: 'add' }), {})
  assert.deepEqual(calls, [['1@g.us', [BOB], 'add']])
  await assert.rejects(changeParticipant(sock('403'), { chat: '1@g.us', participant: BOB, action: 'add' }), e => e.code === 'PARTICIPANT_not_allowed')
  await assert.rejects(changeParticipant(sock('409'), { chat: '1@g.us', participant: BOB, action: 'add' }), e => e.code === 'PARTICIPANT_already')
  await assert.rejects(changeParticipant(sock('200'), { chat: '1@g.us', participant: BOB, action: 'promote' }), e => e.code === 'BAD_REQUEST')
})

test('our own poll coming back through messages.upsert does not lose the Matrix answer ids', async () => {
  const channel = bridge()
  const polls = new Polls(channel, 'S', () => ({ id: ME }))
  const secret = randomBytes(32)
  const sent = proto.WebMessageInfo.fromObject({
    key: { remoteJid: BOB, fromMe: true, id: 'P4' },
    message: { messageContextInfo: { messageSecret: secret }, pollCreationMessage: { name: 'Go?', options: [{ optionName: 'Yes' }, { optionName: 'No' }] } },
    messageTimestamp: 1700000000
  })
  const echo = polls.remember(sent)
  await polls.remember(sent, { [sha256('Yes').toString('hex')]: 'm-yes' })
  await echo
  await polls.remember(sent)
  assert.deepEqual(JSON.parse(channel.state.get('poll/P4')).ids, { [sha256('Yes').toString('hex')]: 'm-yes' })
})
