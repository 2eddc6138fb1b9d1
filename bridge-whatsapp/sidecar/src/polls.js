// Polls. WhatsApp encrypts each vote with the poll's own secret (messageContextInfo.messageSecret) and names the
// chosen options by the SHA-256 of their text. Baileys 7 no longer decrypts votes by itself, so the session keeps
// each poll's secret with the bridge (state.set under `poll/<id>`, encrypted there like the other keys; votes may
// come long after the poll, across restarts) and decrypts votes with Baileys' decryptPollVote.
import { createHash, randomBytes } from 'node:crypto'
import { aesEncryptGCM, decryptPollVote, hmacSign, normalizeMessageContent, proto } from 'baileys'
import { normalized } from './jids.js'

/** The id of a poll option as votes name it: the hex SHA-256 of its text. */
export const optionId = name => createHash('sha256').update(Buffer.from(name ?? '')).digest('hex')

export const pollOf = content => content?.pollCreationMessage ?? content?.pollCreationMessageV2 ?? content?.pollCreationMessageV3

const stateName = pollId => `poll/${pollId}`

export class Polls {
  /**
   * @param channel the bridge channel (state.get/state.set)
   * @param session the session id
   * @param me      () => {id, lid?} of the account
   */
  constructor (channel, session, me) {
    Object.assign(this, { channel, session, me })
    this.recent = new Map()
    this.writes = Promise.resolve()
  }

  /**
   * Keeps the secret of a poll message (one received, or one sent from Matrix). `ids` maps option hashes to the ids
   * the bridge gave the options (polls from Matrix), so that votes come back with those ids.
   */
  async remember (msg, ids) {
    const secret = msg?.message?.messageContextInfo?.messageSecret
    if (!msg?.key?.id || !secret || !pollOf(normalizeMessageContent(msg.message))) return
    // Our own sent poll also comes back through messages.upsert, without the ids: nothing new then.
    if (!ids && this.recent.has(msg.key.id)) return
    // Who wrote the poll is part of the votes' encryption: kept too, as the bridge may not know it after a restart.
    const author = { fromMe: Boolean(msg.key.fromMe), ...(msg.key.participant ? { participant: normalized(msg.key.participant) } : {}) }
    const entry = { secret: Buffer.from(secret).toString('base64'), ...author, ...(ids ? { ids } : {}) }
    this.recent.set(msg.key.id, entry)
    if (this.recent.size > 1000) this.recent.delete(this.recent.keys().next().value)
    // One write at a time, so that a later entry (with the ids) is never overwritten by an earlier one.
    const write = this.writes.then(() => this.channel.request('state.set', { session: this.session, values: { [stateName(msg.key.id)]: JSON.stringify(entry) } }))
    this.writes = write.catch(() => {})
    await write
  }

  async #entry (pollId) {
    const known = this.recent.get(pollId)
    if (known) return known
    const { values } = await this.channel.request('state.get', { session: this.session, names: [stateName(pollId)] })
    const text = values?.[stateName(pollId)]
    return text ? JSON.parse(text) : undefined
  }

  /**
   * A vote message (pollUpdateMessage, keys already from our perspective) → the option ids chosen (empty: the vote
   * was taken back). Throws when the poll is unknown or the vote cannot be decrypted.
   */
  async vote (msg) {
    const update = normalizeMessageContent(msg.message).pollUpdateMessage
    const pollKey = update.pollCreationMessageKey ?? {}
    const entry = await this.#entry(pollKey.id)
    if (!entry) throw new Error(`a vote in poll ${pollKey.id}, whose secret is unknown (a poll from before the link)`)
    const me = this.me() ?? {}
    const mine = [me.id, me.lid].filter(Boolean).map(normalized)
    const author = key => key.fromMe ? mine : [key.participant, key.participantAlt, key.remoteJid, key.remoteJidAlt].filter(Boolean).map(normalized)
    // WhatsApp signs with the phone-number or the LID form of each JID: try the forms we know.
    for (const pollCreatorJid of author(pollKey)) {
      for (const voterJid of author(msg.key)) {
        try {
          const decrypted = decryptPollVote(update.vote, {
            pollCreatorJid, voterJid, pollMsgId: pollKey.id, pollEncKey: Buffer.from(entry.secret, 'base64')
          })
          return (decrypted.selectedOptions ?? []).map(hash => {
            const hex = Buffer.from(hash).toString('hex')
            return entry.ids?.[hex] ?? hex
          })
        } catch {
          // another form of the JIDs
        }
      }
    }
    throw new Error(`a vote in poll ${pollKey.id} could not be decrypted`)
  }

  /**
   * The message that votes for `optionIds` (the ids the bridge knows the options by; none takes the vote back) in
   * the poll of `key`, encrypted as WhatsApp clients do (the inverse of Baileys' decryptPollVote).
   */
  async voteMessage (target, optionIds) {
    const entry = await this.#entry(target.id)
    if (!entry) {
      throw Object.assign(new Error('this poll is older than the link to WhatsApp, so the bridge cannot vote in it: vote on your phone'), { code: 'UNKNOWN_POLL' })
    }
    const key = { ...target, fromMe: entry.fromMe ?? target.fromMe, ...(entry.participant ? { participant: entry.participant } : {}) }
    const hashOf = Object.fromEntries(Object.entries(entry.ids ?? {}).map(([hash, id]) => [id, hash]))
    const hashes = optionIds.map(id => hashOf[id] ?? id)
    if (hashes.some(h => !/^[0-9a-f]{64}$/.test(h))) {
      throw Object.assign(new Error('the vote names an answer this poll does not have'), { code: 'BAD_REQUEST' })
    }
    const me = this.me() ?? {}
    // In a LID-addressed chat WhatsApp knows us by our LID.
    const byLid = String(key.participant ?? key.remoteJid ?? '').endsWith('@lid') && me.lid
    const voter = normalized(byLid ? me.lid : me.id)
    const creator = key.fromMe ? voter : normalized(key.participant ?? key.remoteJid)
    const sign = Buffer.concat([Buffer.from(key.id), Buffer.from(creator), Buffer.from(voter), Buffer.from('Poll Vote'), new Uint8Array([1])])
    const encKey = hmacSign(sign, hmacSign(Buffer.from(entry.secret, 'base64'), new Uint8Array(32), 'sha256'), 'sha256')
    const encIv = randomBytes(12)
    const plain = proto.Message.PollVoteMessage.encode({ selectedOptions: hashes.map(h => Buffer.from(h, 'hex')) }).finish()
    const encPayload = aesEncryptGCM(plain, encKey, encIv, Buffer.from(`${key.id}\u0000${voter}`))
    return { pollUpdateMessage: { pollCreationMessageKey: key, vote: { encPayload, encIv }, senderTimestampMs: Date.now() } }
  }
}
