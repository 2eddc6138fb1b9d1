// WhatsApp ids as the protocol carries them: normalized JIDs (no device part), phone numbers as PN JIDs.
import { jidNormalizedUser } from 'baileys'

export function normalized (jid) {
  return jid ? jidNormalizedUser(jid) : undefined
}

export function phoneToJid (phone) {
  const digits = String(phone).replace(/[^0-9]/g, '')
  if (digits.length < 6) throw new Error(`${phone} is not a phone number in international format (e.g. +33612345678)`)
  return `${digits}@s.whatsapp.net`
}
