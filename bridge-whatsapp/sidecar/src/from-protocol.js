// Protocol send requests → Baileys socket calls. Each function takes the socket (anything with Baileys' socket
// methods, so tests use a recorder) and the request's params, and returns the response's result.
import { toNumber } from 'baileys'
import { optionId } from './polls.js'

/** A message already on WhatsApp, as Baileys keys it. */
export function messageKey (chat, target) {
  return {
    remoteJid: chat,
    id: target.id,
    fromMe: Boolean(target.fromMe),
    ...(target.participant ? { participant: target.participant } : {})
  }
}

/** Baileys' content for a protocol content object. */
export function buildContent (content, mentions) {
  const withMentions = mentions?.length ? { mentions } : {}
  const data = () => Buffer.from(content.data ?? '', 'base64')
  switch (content.kind) {
    case 'text': return { text: content.text ?? '', ...withMentions }
    case 'image': return { image: data(), mimetype: content.mimetype, caption: content.caption ?? '', ...withMentions }
    case 'gif': return { video: data(), gifPlayback: true, mimetype: content.mimetype, caption: content.caption ?? '', ...withMentions }
    case 'video': return { video: data(), mimetype: content.mimetype, caption: content.caption ?? '', ...withMentions }
    // Without a waveform Baileys would try to compute one from the file (it needs an optional decoder).
    case 'voice': return { audio: data(), ptt: true, mimetype: content.mimetype, ...(content.seconds ? { seconds: content.seconds } : {}), ...(content.waveform ? { waveform: new Uint8Array(Buffer.from(content.waveform, 'base64')) } : {}) }
    case 'audio': return { audio: data(), mimetype: content.mimetype, ...(content.seconds ? { seconds: content.seconds } : {}) }
    case 'document': return { document: data(), mimetype: content.mimetype, fileName: content.fileName ?? 'file', caption: content.caption ?? '', ...withMentions }
    case 'sticker': return { sticker: data(), mimetype: content.mimetype }
    // selectable 0: as many answers as one likes.
    case 'poll': return { poll: { name: content.name ?? '', values: (content.options ?? []).map(o => o.text), selectableCount: content.selectable ?? 1 } }
    case 'location': return { location: { degreesLatitude: content.latitude, degreesLongitude: content.longitude, ...(content.name ? { name: content.name } : {}) } }
    default: throw Object.assign(new Error(`cannot send a ${content.kind} to WhatsApp`), { code: 'UNSUPPORTED' })
  }
}

function sentResult (sent) {
  return { id: sent?.key?.id, timestamp: toNumber(sent?.messageTimestamp ?? Math.floor(Date.now() / 1000)) * 1000 }
}

/**
 * send.message {chat, content: {..., mentions?}, replyTo?: {id, fromMe, participant?, text?}, messageId?}
 * The bridge picks messageId from the Matrix event, so a send repeated after a crash is the same WhatsApp message.
 */
export async function sendMessage (sock, { chat, content, mentions, replyTo, messageId }, polls) {
  const options = messageId ? { messageId } : {}
  if (replyTo) {
    options.quoted = { key: messageKey(chat, replyTo), message: { conversation: replyTo.text ?? '' } }
  }
  const sent = await sock.sendMessage(chat, buildContent(content, mentions ?? content.mentions), options)
  if (content.kind === 'poll' && polls) {
    // Votes must come back with the bridge's option ids, and can only be read with the poll's secret.
    await polls.remember(sent, Object.fromEntries((content.options ?? []).map(o => [optionId(o.text), o.id])))
  }
  return sentResult(sent)
}

/** send.vote {chat, target, options} — the options by the bridge's ids; none takes the vote back. */
export async function sendVote (sock, { chat, target, options }, polls) {
  const key = messageKey(chat, target)
  await sock.relayMessage(chat, await polls.voteMessage(key, options ?? []), {})
  return {}
}

const REFUSALS = {
  403: 'not_allowed', // adding: their privacy settings; removing: they are an admin or the group's creator
  408: 'left_recently',
  409: 'already',
  404: 'not_member'
}

/** group.participants {chat, participant, action: add|remove} — WhatsApp answers per participant. */
export async function changeParticipant (sock, { chat, participant, action }) {
  if (action !== 'add' && action !== 'remove') throw Object.assign(new Error(`unknown action ${action}`), { code: 'BAD_REQUEST' })
  const [result] = await sock.groupParticipantsUpdate(chat, [participant], action)
  const status = Number(result?.status ?? 200)
  if (status !== 200) {
    throw Object.assign(new Error(`WhatsApp answered ${status} to ${action} ${participant}`), { code: 'PARTICIPANT_' + (REFUSALS[status] ?? status) })
  }
  return {}
}

/** send.edit {chat, target, content} — WhatsApp edits text and captions only. */
export async function sendEdit (sock, { chat, target, content, mentions }) {
  const text = content.kind === 'text' ? content.text : content.caption
  if (text == null) throw Object.assign(new Error('WhatsApp can only edit the text or caption of a message'), { code: 'UNSUPPORTED' })
  await sock.sendMessage(chat, { text, edit: messageKey(chat, target), ...(mentions?.length ? { mentions } : {}) })
  return {}
}

/** send.reaction {chat, target, emoji} — an empty emoji takes the reaction back. */
export async function sendReaction (sock, { chat, target, emoji }) {
  const sent = await sock.sendMessage(chat, { react: { text: emoji ?? '', key: messageKey(chat, target) } })
  return { id: sent?.key?.id }
}

/** send.delete {chat, target} — delete for everyone. */
export async function sendDelete (sock, { chat, target }) {
  await sock.sendMessage(chat, { delete: messageKey(chat, target) })
  return {}
}

/** send.read {chat, target} */
export async function sendRead (sock, { chat, target }) {
  await sock.readMessages([messageKey(chat, target)])
  return {}
}

const PRESENCE = { typing: 'composing', recording: 'recording', stopped: 'paused' }

/** send.typing {chat, state: typing|recording|stopped} */
export async function sendTyping (sock, { chat, state }) {
  const presence = PRESENCE[state]
  if (!presence) throw Object.assign(new Error(`unknown typing state ${state}`), { code: 'BAD_REQUEST' })
  await sock.sendPresenceUpdate(presence, chat)
  return {}
}
