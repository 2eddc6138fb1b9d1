// Baileys' auth state (creds + signal keys) kept by the Java bridge: every read and write is a request over the
// channel; nothing is written to disk here. Values travel as JSON made with Baileys' BufferJSON (buffers as base64),
// under names `creds` and `<type>/<id>` (e.g. `pre-key/12`, `session/123.0`); the bridge stores them encrypted.
import { BufferJSON, initAuthCreds, proto } from 'baileys'

export const CREDS = 'creds'

export const keyName = (type, id) => `${type}/${id}`

export function encodeValue (value) {
  return JSON.stringify(value, BufferJSON.replacer)
}

export function decodeValue (type, text) {
  const value = JSON.parse(text, BufferJSON.reviver)
  return type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value) : value
}

/**
 * Loads a session's auth state from the bridge (fresh creds when it has none).
 * @returns {{state: {creds, keys}, saveCreds: () => Promise, fresh: boolean}}
 */
export async function bridgeAuthState (channel, session) {
  const { values } = await channel.request('state.get', { session, names: [CREDS] })
  const stored = values?.[CREDS]
  const creds = stored ? JSON.parse(stored, BufferJSON.reviver) : initAuthCreds()
  const keys = {
    async get (type, ids) {
      const names = ids.map(id => keyName(type, id))
      const { values } = await channel.request('state.get', { session, names })
      const found = {}
      for (const id of ids) {
        const text = values?.[keyName(type, id)]
        if (text != null) found[id] = decodeValue(type, text)
      }
      return found
    },
    async set (data) {
      const values = {}
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          values[keyName(type, id)] = value == null ? null : encodeValue(value)
        }
      }
      if (Object.keys(values).length) await channel.request('state.set', { session, values })
    },
    async clear () {
      await channel.request('state.clear', { session })
    }
  }
  const saveCreds = () => channel.request('state.set', { session, values: { [CREDS]: encodeValue(creds) } })
  if (!stored) await saveCreds()
  return { state: { creds, keys }, saveCreds, fresh: !stored }
}
