// Baileys messages (proto.IWebMessageInfo) → protocol events. Pure functions; tested with messages built with
// Baileys' own proto classes.
import { proto, normalizeMessageContent, getContentType, isJidBroadcast, isJidStatusBroadcast, isJidGroup, toNumber } from 'baileys'
import { normalized } from './jids.js'
import { optionId, pollOf } from './polls.js'

const REVOKE = proto.Message.ProtocolMessage.Type.REVOKE
const MESSAGE_EDIT = proto.Message.ProtocolMessage.Type.MESSAGE_EDIT

/** Who and where: the common fields of every event about one message. */
export function origin (msg) {
  const key = msg.key ?? {}
  const chat = normalized(key.remoteJid)
  const group = isJidGroup(chat)
  const out = {
    chat,
    id: key.id,
    fromMe: Boolean(key.fromMe),
    timestamp: toNumber(msg.messageTimestamp ?? 0) * 1000
  }
  if (!group && key.remoteJidAlt) out.chatAlt = normalized(key.remoteJidAlt)
  if (!key.fromMe) {
    out.sender = normalized(group ? key.participant : key.remoteJid)
    const alt = group ? key.participantAlt : key.remoteJidAlt
    if (alt) out.senderAlt = normalized(alt)
  }
  if (msg.pushName) out.pushName = msg.pushName
  return out
}

/**
 * The protocol events for one message: usually one (`message`, `edit`, `delete`, `reaction`), none for what is
 * not bridged (status broadcasts, broadcast-list copies, protocol housekeeping).
 */
export function toProtocol (msg) {
  const chat = normalized(msg.key?.remoteJid)
  if (!chat || !msg.message) return []
  // Status updates and the sender's copy of a broadcast-list message are not bridged (recipients get a normal DM).
  if (isJidStatusBroadcast(chat) || isJidBroadcast(chat)) return []
  const base = origin(msg)
  const raw = msg.message
  if (raw.viewOnceMessage || raw.viewOnceMessageV2 || raw.viewOnceMessageV2Extension) {
    return [{ event: 'message', data: { ...base, content: { kind: 'view_once' } } }]
  }
  const content = normalizeMessageContent(raw)
  if (!content) return []
  if (content.protocolMessage) {
    const pm = content.protocolMessage
    if (pm.type === REVOKE && pm.key?.id) return [{ event: 'delete', data: { ...base, target: pm.key.id } }]
    if (pm.type === MESSAGE_EDIT && pm.key?.id && pm.editedMessage) {
      const edited = normalizeMessageContent(pm.editedMessage)
      return [{ event: 'edit', data: { ...base, target: pm.key.id, content: contentOf(edited).content } }]
    }
    return []
  }
  if (content.reactionMessage) {
    const r = content.reactionMessage
    return [{ event: 'reaction', data: { ...base, target: r.key?.id, emoji: r.text ?? '', removed: !r.text } }]
  }
  if (content.senderKeyDistributionMessage && Object.keys(content).length === 1) return []
  // Votes are encrypted with the poll's secret: the session decrypts them and fills in `options`.
  if (content.pollUpdateMessage) {
    return [{ event: 'poll_vote', data: { ...base, target: content.pollUpdateMessage.pollCreationMessageKey?.id } }]
  }
  const { content: converted, context } = contentOf(content)
  const data = { ...base, content: converted }
  if (context?.stanzaId) data.replyTo = { id: context.stanzaId, ...(context.participant ? { participant: normalized(context.participant) } : {}) }
  if (context?.mentionedJid?.length) data.mentions = context.mentionedJid.map(normalized)
  if (isMedia(converted.kind)) data.raw = Buffer.from(proto.WebMessageInfo.encode(msg).finish()).toString('base64')
  return [{ event: 'message', data }]
}

const MEDIA_KINDS = new Set(['image', 'video', 'gif', 'audio', 'voice', 'document', 'sticker'])
export const isMedia = kind => MEDIA_KINDS.has(kind)

/** The protocol content of a (normalized) message and its context info (reply, mentions). */
export function contentOf (c) {
  if (c.conversation != null) return { content: { kind: 'text', text: c.conversation } }
  if (c.extendedTextMessage) {
    return { content: { kind: 'text', text: c.extendedTextMessage.text ?? '' }, context: c.extendedTextMessage.contextInfo }
  }
  if (c.imageMessage) return media('image', c.imageMessage)
  if (c.videoMessage) return media(c.videoMessage.gifPlayback ? 'gif' : 'video', c.videoMessage)
  if (c.audioMessage) return media(c.audioMessage.ptt ? 'voice' : 'audio', c.audioMessage)
  if (c.documentMessage) return media('document', c.documentMessage)
  if (c.stickerMessage) return media('sticker', c.stickerMessage)
  if (c.locationMessage) {
    const l = c.locationMessage
    return {
      content: { kind: 'location', latitude: l.degreesLatitude, longitude: l.degreesLongitude, ...(l.name ? { name: l.name } : {}), ...(l.address ? { address: l.address } : {}) },
      context: l.contextInfo
    }
  }
  if (c.liveLocationMessage) {
    const l = c.liveLocationMessage
    return { content: { kind: 'live_location', latitude: l.degreesLatitude, longitude: l.degreesLongitude, ...(l.caption ? { caption: l.caption } : {}) }, context: l.contextInfo }
  }
  if (c.contactMessage) {
    return { content: { kind: 'contacts', contacts: [{ name: c.contactMessage.displayName ?? '', vcard: c.contactMessage.vcard ?? '' }] }, context: c.contactMessage.contextInfo }
  }
  if (c.contactsArrayMessage) {
    const contacts = (c.contactsArrayMessage.contacts ?? []).map(x => ({ name: x.displayName ?? '', vcard: x.vcard ?? '' }))
    return { content: { kind: 'contacts', contacts }, context: c.contactsArrayMessage.contextInfo }
  }
  const poll = pollOf(c)
  if (poll) {
    // An option's id is what votes name: the hash of its text.
    const options = (poll.options ?? []).map(o => ({ id: optionId(o.optionName), text: o.optionName ?? '' }))
    return {
      content: { kind: 'poll', name: poll.name ?? '', options, selectable: poll.selectableOptionsCount ?? 0 },
      context: poll.contextInfo
    }
  }
  return { content: { kind: 'unsupported', type: getContentType(c) ?? 'unknown' } }
}

function media (kind, m) {
  const content = { kind, mimetype: m.mimetype ?? 'application/octet-stream' }
  if (m.fileName) content.fileName = m.fileName
  if (m.fileLength != null) content.size = toNumber(m.fileLength)
  if (m.width) content.width = m.width
  if (m.height) content.height = m.height
  if (m.seconds) content.seconds = m.seconds
  if (m.waveform?.length) content.waveform = Buffer.from(m.waveform).toString('base64')
  if (m.caption) content.caption = m.caption
  return { content, context: m.contextInfo }
}

/** A receipt from `message-receipt.update`: who read (or got) which message. */
export function receiptToProtocol (update) {
  const r = update.receipt ?? {}
  const read = r.readTimestamp ?? r.playedTimestamp
  if (!read) return []
  return [{
    event: 'receipt',
    data: {
      chat: normalized(update.key?.remoteJid),
      target: update.key?.id,
      reader: normalized(r.userJid ?? update.key?.participant ?? update.key?.remoteJid),
      timestamp: toNumber(read) * 1000
    }
  }]
}

const TYPING = { composing: 'typing', recording: 'recording', paused: 'stopped', available: 'stopped', unavailable: 'stopped' }

/**
 * `presence.update` → typing events for each participant whose chat state is known, and presence events
 * (online, or away with when they were last seen) for those who came online or left.
 */
export function presenceToProtocol (update) {
  const events = []
  for (const [participant, data] of Object.entries(update.presences ?? {})) {
    const user = normalized(participant)
    const state = TYPING[data.lastKnownPresence]
    if (state) events.push({ event: 'typing', data: { chat: normalized(update.id), sender: user, state } })
    if (data.lastKnownPresence === 'available' || data.lastKnownPresence === 'unavailable') {
      const online = data.lastKnownPresence === 'available'
      const lastSeen = !online && data.lastSeen ? { lastSeen: toNumber(data.lastSeen) * 1000 } : {}
      events.push({ event: 'presence', data: { user, online, ...lastSeen } })
    }
  }
  return events
}
