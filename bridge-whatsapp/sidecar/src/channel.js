// The line-delimited JSON channel to the Java bridge: one JSON object per line on stdin/stdout.
// Every line carries the protocol version `v`. Shapes:
//   request   {v, type: "request", id, method, params}       (either side may ask)
//   response  {v, type: "response", id, ok: true, result} | {v, type: "response", id, ok: false, error: {code, message}}
//   event     {v, type: "event", event, session?, data}
// Ids are numbers when the bridge asks and strings ("s1", "s2"...) when the sidecar asks, so they never collide.
import { createInterface } from 'node:readline'

// 2: polls (options with ids, poll_vote events, sending polls).
export const PROTOCOL_VERSION = 2

export class ProtocolError extends Error {
  constructor (code, message) {
    super(message)
    this.code = code
  }
}

export class Channel {
  /**
   * @param input  a readable stream of lines (process.stdin)
   * @param output a writable stream (process.stdout)
   * @param log    the sidecar's logger (stderr)
   */
  constructor (input, output, log) {
    this.output = output
    this.log = log
    this.handlers = new Map()
    this.pending = new Map()
    this.nextId = 1
    this.closed = false
    this.onClose = () => {}
    this.lines = createInterface({ input, crlfDelay: Infinity })
    this.lines.on('line', line => this.#receive(line))
    this.lines.on('close', () => {
      this.closed = true
      for (const { reject } of this.pending.values()) reject(new ProtocolError('CLOSED', 'the bridge closed the channel'))
      this.pending.clear()
      this.onClose()
    })
  }

  /** Serves requests of `method` with `handler(params)`; what it returns (or throws) is the response. */
  handle (method, handler) {
    this.handlers.set(method, handler)
  }

  /** Sends an event; never waits. */
  emit (event, session, data) {
    this.#send({ type: 'event', event, ...(session === undefined ? {} : { session }), data: data ?? {} })
  }

  /** Asks the bridge; resolves with its result or rejects with its error. */
  request (method, params, timeoutMs = 30000) {
    if (this.closed) return Promise.reject(new ProtocolError('CLOSED', 'the bridge closed the channel'))
    const id = 's' + this.nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new ProtocolError('TIMEOUT', `the bridge did not answer ${method} within ${timeoutMs} ms`))
      }, timeoutMs)
      timer.unref?.()
      this.pending.set(id, {
        resolve: v => { clearTimeout(timer); resolve(v) },
        reject: e => { clearTimeout(timer); reject(e) }
      })
      this.#send({ type: 'request', id, method, params: params ?? {} })
    })
  }

  #send (message) {
    if (this.closed) return
    this.output.write(JSON.stringify({ v: PROTOCOL_VERSION, ...message }) + '\n')
  }

  async #receive (line) {
    if (line.trim() === '') return
    let message
    try {
      message = JSON.parse(line)
    } catch {
      this.log.error({}, 'a line from the bridge is not JSON; ignored')
      return
    }
    if (message.v !== PROTOCOL_VERSION) {
      // Answer in our version so that the other side can say clearly which versions met.
      if (message.type === 'request') {
        this.#send({
          type: 'response',
          id: message.id,
          ok: false,
          error: { code: 'VERSION', message: `this sidecar speaks protocol ${PROTOCOL_VERSION}, the bridge sent ${message.v}` }
        })
      }
      return
    }
    if (message.type === 'response') {
      const waiting = this.pending.get(message.id)
      if (!waiting) return
      this.pending.delete(message.id)
      if (message.ok) waiting.resolve(message.result ?? {})
      else waiting.reject(new ProtocolError(message.error?.code ?? 'ERROR', message.error?.message ?? 'refused'))
      return
    }
    if (message.type !== 'request') return
    const handler = this.handlers.get(message.method)
    if (!handler) {
      this.#send({ type: 'response', id: message.id, ok: false, error: { code: 'UNKNOWN_METHOD', message: `no method ${message.method}` } })
      return
    }
    try {
      const result = await handler(message.params ?? {})
      this.#send({ type: 'response', id: message.id, ok: true, result: result ?? {} })
    } catch (e) {
      // Our own refusals carry an upper-case code (UNSUPPORTED, PARTICIPANT_...); Baileys' errors an HTTP-like status.
      const code = e instanceof ProtocolError || /^[A-Z][A-Z_0-9]+$/.test(e?.code ?? '') ? e.code : (e?.output?.statusCode ? 'WA_' + e.output.statusCode : 'FAILED')
      this.#send({ type: 'response', id: message.id, ok: false, error: { code, message: String(e?.message ?? e) } })
    }
  }
}
