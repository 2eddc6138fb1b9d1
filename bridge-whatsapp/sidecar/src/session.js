// One WhatsApp login in the sidecar: a Baileys socket, recreated after it closes (with backoff) until the login
// is closed, logged out, or replaced. Everything it hears goes to the bridge as protocol events.
import makeWASocket, { DisconnectReason, Browsers, makeCacheableSignalKeyStore, downloadMediaMessage, proto, isJidGroup, isJidBroadcast } from 'baileys'
import { bridgeAuthState } from './auth-state.js'
import { toProtocol, receiptToProtocol, presenceToProtocol } from './to-protocol.js'
import { normalized, phoneToJid } from './jids.js'
import { Polls } from './polls.js'

// Closes after which a new socket would not help: the bridge must log in again or stop.
const FINAL = new Map([
  [DisconnectReason.loggedOut, 'logged_out'],
  [DisconnectReason.forbidden, 'banned'],
  [DisconnectReason.badSession, 'bad_session'],
  [DisconnectReason.connectionReplaced, 'replaced'],
  [DisconnectReason.multideviceMismatch, 'multidevice_mismatch']
])

export const BACKOFF_START_MS = 1000
export const BACKOFF_MAX_MS = 60000

export class Session {
  /**
   * @param opts.channel    the bridge channel
   * @param opts.id         the session id the bridge gave
   * @param opts.log        logger for Baileys (stderr)
   * @param opts.makeSocket Baileys' makeWASocket (tests pass another)
   * @param opts.authState  loads the auth state (tests pass another)
   * @param opts.socketOptions extra Baileys socket options (e.g. a websocket URL for tests)
   */
  constructor ({ channel, id, log, makeSocket = makeWASocket, authState = bridgeAuthState, socketOptions = {} }) {
    Object.assign(this, { channel, id, log, makeSocket, authState, socketOptions })
    this.sock = undefined
    this.closed = false
    this.backoffMs = BACKOFF_START_MS
    this.retryTimer = undefined
    this.polls = new Polls(channel, id, () => this.creds?.me)
    this.subscribed = new Set()
  }

  emit (event, data) {
    this.channel.emit(event, this.id, data)
  }

  /** Opens the socket; the outcome arrives as `connection` events. */
  async open () {
    const { state, saveCreds, fresh } = await this.authState(this.channel, this.id)
    if (this.closed) return
    this.creds = state.creds
    const sock = this.makeSocket({
      auth: { creds: state.creds, keys: makeCacheableSignalKeyStore(state.keys, this.log) },
      logger: this.log,
      browser: Browsers.ubuntu('Passerelle'),
      markOnlineOnConnect: false,
      syncFullHistory: false,
      ...this.socketOptions
    })
    this.sock = sock
    this.emit('connection', { state: 'connecting', fresh })
    sock.ev.on('creds.update', () => { saveCreds().catch(e => this.log.error({ err: e }, 'could not save creds')) })
    sock.ev.on('connection.update', update => this.#connectionUpdate(sock, update))
    sock.ev.on('messages.upsert', ({ messages, type }) => {
      for (const msg of messages) {
        this.#keepPoll(msg)
        if (type === 'notify') this.#subscribePresence(sock, msg)
        for (const e of toProtocol(msg)) {
          if (e.event === 'poll_vote') this.#vote(msg, e.data)
          else this.emit(e.event, { ...e.data, live: type === 'notify' })
        }
      }
    })
    sock.ev.on('message-receipt.update', updates => { for (const u of updates) this.#send(receiptToProtocol(u)) })
    sock.ev.on('presence.update', update => this.#send(presenceToProtocol(update)))
    sock.ev.on('lid-mapping.update', m => this.emit('lid_mapping', { lid: normalized(m.lid), pn: normalized(m.pn) }))
    sock.ev.on('messaging-history.set', ({ messages, lidPnMappings, contacts }) => {
      for (const m of lidPnMappings ?? []) this.emit('lid_mapping', { lid: normalized(m.lid), pn: normalized(m.pn) })
      for (const c of contacts ?? []) this.#contact(c)
      messages.forEach(m => this.#keepPoll(m))
      const events = messages.flatMap(m => toProtocol(m)).filter(e => e.event === 'message')
      if (events.length) this.emit('history', { messages: events.map(e => e.data) })
    })
    sock.ev.on('contacts.upsert', contacts => contacts.forEach(c => this.#contact(c)))
    sock.ev.on('contacts.update', contacts => contacts.forEach(c => {
      // A group's picture changed or was removed: the bridge reads the group again.
      if (c.imgUrl && isJidGroup(c.id)) this.emit('group_changed', { chat: normalized(c.id), action: 'picture' })
      else this.#contact(c)
    }))
    sock.ev.on('groups.update', groups => groups.forEach(g => this.emit('group_changed', { chat: normalized(g.id) })))
    sock.ev.on('group-participants.update', u => this.emit('group_changed', { chat: normalized(u.id), action: u.action }))
  }

  #contact (c) {
    if (!c?.id) return
    const name = c.name ?? c.notify ?? c.verifiedName
    this.emit('contact', {
      id: normalized(c.id),
      ...(c.lid ? { lid: normalized(c.lid) } : {}),
      ...(c.phoneNumber ? { pn: normalized(c.phoneNumber) } : {}),
      ...(name ? { name } : {})
    })
  }

  #send (events, extra = {}) {
    for (const { event, data } of events) this.emit(event, { ...data, ...extra })
  }

  // WhatsApp tells presence only to who asks: ask once per DM partner who writes (cheap, and who matters most).
  #subscribePresence (sock, msg) {
    const chat = normalized(msg.key?.remoteJid)
    if (!chat || msg.key.fromMe || isJidGroup(chat) || isJidBroadcast(chat) || this.subscribed.has(chat)) return
    this.subscribed.add(chat)
    sock.presenceSubscribe?.(chat)?.catch?.(e => this.log.debug({ err: e }, 'presence subscription failed'))
  }

  #keepPoll (msg) {
    this.polls.remember(msg).catch(e => this.log.warn({ err: e }, 'could not keep a poll\'s secret; its votes will not be bridged'))
  }

  // A vote is bridged once decrypted; one that cannot be read is reported to the bridge, which says so.
  #vote (msg, data) {
    this.polls.vote(msg)
      .then(options => this.emit('poll_vote', { ...data, options }))
      .catch(e => this.emit('poll_vote', { ...data, error: String(e?.message ?? e) }))
  }

  #connectionUpdate (sock, update) {
    if (sock !== this.sock) return
    if (update.qr) this.emit('qr', { code: update.qr })
    if (update.connection === 'open') {
      this.backoffMs = BACKOFF_START_MS
      const me = sock.user ?? this.creds?.me ?? {}
      this.emit('connection', {
        state: 'open',
        me: { id: normalized(me.id), ...(me.lid ? { lid: normalized(me.lid) } : {}), ...(me.name ? { name: me.name } : {}) }
      })
    }
    if (update.connection === 'close') this.#closed(update.lastDisconnect?.error)
  }

  #closed (error) {
    this.sock = undefined
    const code = error?.output?.statusCode
    const finalReason = FINAL.get(code)
    const message = String(error?.message ?? 'connection closed')
    if (this.closed) return
    if (finalReason) {
      this.closed = true
      this.emit('connection', { state: 'close', code, reason: finalReason, message, retryInMs: -1 })
      return
    }
    // After pairing WhatsApp asks for a fresh connection at once; everything else waits a growing while.
    const wait = code === DisconnectReason.restartRequired ? 0 : this.backoffMs
    if (code !== DisconnectReason.restartRequired) this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS)
    const reason = code === DisconnectReason.restartRequired ? 'restart_required' : 'transient'
    this.emit('connection', { state: 'close', code: code ?? 0, reason, message, retryInMs: wait })
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      if (!this.closed) this.open().catch(e => this.#closed(e))
    }, wait)
  }

  #socket () {
    if (!this.sock) throw Object.assign(new Error('not connected to WhatsApp right now'), { code: 'NOT_CONNECTED' })
    return this.sock
  }

  /** The socket for sends, failing when the login is between connections. */
  get socket () {
    return this.#socket()
  }

  async pairingCode (phone) {
    const digits = phoneToJid(phone).split('@')[0]
    return { code: await this.#socket().requestPairingCode(digits) }
  }

  async chatInfo (chat) {
    const meta = await this.#socket().groupMetadata(chat)
    return {
      id: normalized(meta.id),
      name: meta.subject ?? '',
      ...(meta.desc ? { topic: meta.desc } : {}),
      announce: Boolean(meta.announce),
      ...(await this.#picture(chat)),
      ...(meta.linkedParent ? { parent: normalized(meta.linkedParent) } : {}),
      // A community's own group holds no messages (its announcements group does): the bridge gives it no room.
      ...(meta.isCommunity ? { community: true } : {}),
      ...(meta.isCommunityAnnounce ? { communityAnnounce: true } : {}),
      participants: (meta.participants ?? []).map(p => ({
        id: normalized(p.id),
        ...(p.phoneNumber ? { pn: normalized(p.phoneNumber) } : {}),
        ...(p.lid ? { lid: normalized(p.lid) } : {}),
        role: p.admin === 'superadmin' ? 'owner' : p.admin === 'admin' ? 'admin' : 'member'
      }))
    }
  }

  // The group's picture: its URL (signed, it expires) and an id that stays while the picture does (its file name).
  async #picture (chat) {
    try {
      const url = await this.#socket().profilePictureUrl(chat, 'image')
      return url ? { picture: { id: new URL(url).pathname.split('/').pop(), url } } : {}
    } catch {
      return {} // no picture, or not visible to us
    }
  }

  async downloadPicture (url) {
    if (!/^https:\/\/[^/]+\.whatsapp\.net\//.test(url)) throw Object.assign(new Error('not a WhatsApp picture URL'), { code: 'BAD_REQUEST' })
    const response = await fetch(url)
    if (!response.ok) throw Object.assign(new Error(`WhatsApp's picture server answered ${response.status}`), { code: 'PICTURE_GONE' })
    return { data: Buffer.from(await response.arrayBuffer()).toString('base64') }
  }

  async checkPhone (phone) {
    const [found] = await this.#socket().onWhatsApp(phoneToJid(phone))
    return found?.exists ? { exists: true, id: normalized(found.jid), ...(found.lid ? { lid: normalized(found.lid) } : {}) } : { exists: false }
  }

  async download (raw) {
    const msg = proto.WebMessageInfo.decode(Buffer.from(raw, 'base64'))
    const sock = this.#socket()
    const bytes = await downloadMediaMessage(msg, 'buffer', {}, { logger: this.log, reuploadRequest: sock.updateMediaMessage })
    return { data: Buffer.from(bytes).toString('base64') }
  }

  /** Ends the socket and stops reconnecting; the stored state stays. */
  close () {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    const sock = this.sock
    this.sock = undefined
    sock?.end(undefined)
  }

  /** Removes this linked device from the account, then closes. */
  async logout () {
    const sock = this.sock
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (sock) {
      try {
        await sock.logout()
      } finally {
        this.sock = undefined
        sock.end(undefined)
      }
    }
  }
}
