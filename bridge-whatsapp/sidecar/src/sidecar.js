// The methods the bridge may call, over one channel, for every session (login) this process runs.
import { readFileSync } from 'node:fs'
import { PROTOCOL_VERSION, ProtocolError } from './channel.js'
import { Session } from './session.js'
import * as send from './from-protocol.js'

const BAILEYS_VERSION = JSON.parse(readFileSync(new URL('../node_modules/baileys/package.json', import.meta.url), 'utf8')).version

export class Sidecar {
  constructor ({ channel, log, sessionOptions = {} }) {
    this.channel = channel
    this.log = log
    this.sessionOptions = sessionOptions
    this.sessions = new Map()
    const on = (method, fn) => channel.handle(method, fn)
    on('hello', ({ protocol }) => {
      if (protocol !== PROTOCOL_VERSION) {
        throw new ProtocolError('VERSION', `this sidecar speaks protocol ${PROTOCOL_VERSION}, the bridge ${protocol}`)
      }
      return { protocol: PROTOCOL_VERSION, baileys: BAILEYS_VERSION, node: process.version, pid: process.pid }
    })
    on('ping', () => ({ sessions: this.sessions.size }))
    on('session.open', p => this.open(p.session))
    on('session.close', p => { this.sessions.get(p.session)?.close(); this.sessions.delete(p.session); return {} })
    on('session.logout', async p => {
      const session = this.sessions.get(p.session)
      this.sessions.delete(p.session)
      if (session) await session.logout()
      return {}
    })
    on('session.pair', p => this.session(p.session).pairingCode(p.phone))
    on('chat.info', p => this.session(p.session).chatInfo(p.chat))
    on('user.check', p => this.session(p.session).checkPhone(p.phone))
    on('media.download', p => this.session(p.session).download(p.raw))
    on('picture.download', p => this.session(p.session).downloadPicture(p.url))
    on('send.message', p => { const s = this.session(p.session); return send.sendMessage(s.socket, p, s.polls) })
    on('send.vote', p => { const s = this.session(p.session); return send.sendVote(s.socket, p, s.polls) })
    on('group.participants', p => send.changeParticipant(this.session(p.session).socket, p))
    const sends = {
      'send.edit': send.sendEdit,
      'send.reaction': send.sendReaction,
      'send.delete': send.sendDelete,
      'send.read': send.sendRead,
      'send.typing': send.sendTyping
    }
    for (const [method, fn] of Object.entries(sends)) on(method, p => fn(this.session(p.session).socket, p))
  }

  session (id) {
    const session = this.sessions.get(id)
    if (!session) throw new ProtocolError('NO_SESSION', `no open session ${id}`)
    return session
  }

  async open (id) {
    if (!id) throw new ProtocolError('BAD_REQUEST', 'session.open needs a session id')
    if (this.sessions.has(id)) return { already: true }
    const session = new Session({ channel: this.channel, id, log: this.log.child({ session: id }), ...this.sessionOptions })
    this.sessions.set(id, session)
    try {
      await session.open()
    } catch (e) {
      this.sessions.delete(id)
      session.close()
      throw e
    }
    return {}
  }

  closeAll () {
    for (const session of this.sessions.values()) session.close()
    this.sessions.clear()
  }
}
