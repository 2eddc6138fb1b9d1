#!/usr/bin/env node
// Entry point: `node src/main.js`. Speaks the bridge protocol on stdin/stdout; logs go to stderr.
// PASSERELLE_WA_LOG_LEVEL (default warn) sets how much of Baileys' logging is kept. Exits when stdin closes.
import { Channel } from './channel.js'
import { makeLogger } from './logger.js'
import { Sidecar } from './sidecar.js'

const major = Number(process.versions.node.split('.')[0])
if (major < 20) {
  process.stderr.write(`ERROR the WhatsApp sidecar needs Node.js 20 or newer; this is ${process.version}\n`)
  process.exit(3)
}

const log = makeLogger(process.env.PASSERELLE_WA_LOG_LEVEL || 'warn')
const channel = new Channel(process.stdin, process.stdout, log)
const sidecar = new Sidecar({ channel, log })
channel.onClose = () => {
  sidecar.closeAll()
  // Give sockets a moment to close, then leave even if a library keeps a timer alive.
  setTimeout(() => process.exit(0), 500).unref()
}
process.on('unhandledRejection', e => log.error({ err: e }, 'unhandled rejection'))
process.on('uncaughtException', e => log.error({ err: e }, 'uncaught exception'))
