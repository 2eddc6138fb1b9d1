// Sidecar-side throughput: Baileys messages (proto.WebMessageInfo) → protocol event lines, as the sidecar writes
// them to the bridge, across 100 chats. Run: node bench/convert.mjs [messages=200000].
import { proto } from 'baileys'
import { toProtocol } from '../src/to-protocol.js'

const total = Number(process.argv[2] ?? 200000)
const messages = []
for (let i = 0; i < 1000; i++) {
  messages.push(proto.WebMessageInfo.fromObject({
    key: { remoteJid: `1203630000000${String(i % 100).padStart(5, '0')}@g.us`, fromMe: false, id: `ID${i}`, participant: `336000${String(i % 50).padStart(5, '0')}@s.whatsapp.net` },
    message: { extendedTextMessage: { text: `message ${i} with *bold* text` } },
    messageTimestamp: 1700000000 + i,
    pushName: 'Bench'
  }))
}
let bytes = 0
const start = process.hrtime.bigint()
for (let i = 0; i < total; i++) {
  for (const { event, data } of toProtocol(messages[i % messages.length])) {
    bytes += JSON.stringify({ v: 1, type: 'event', event, session: 's', data }).length + 1
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9
console.log(`${total} messages in ${seconds.toFixed(2)} s: ${Math.round(total / seconds)} messages/s, ${(bytes / total).toFixed(0)} bytes/line`)
