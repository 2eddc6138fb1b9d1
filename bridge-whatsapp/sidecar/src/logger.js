// Baileys' logger interface, written to stderr one line per entry. Baileys passes objects with its log lines; only
// plain scalar fields whose names cannot hold secrets are kept, so keys, creds and buffers never reach the log.
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 }
const SECRET_NAME = /key|secret|priv|noise|token|cred|auth|sign|identity|session|pair|code|buffer|data/i

export function safeFields (obj) {
  if (obj === null || typeof obj !== 'object') return {}
  const kept = {}
  for (const [name, value] of Object.entries(obj)) {
    if (SECRET_NAME.test(name)) continue
    if (name === 'err' || name === 'error') {
      if (value && typeof value === 'object' && typeof value.message === 'string') kept[name] = value.message
      continue
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') kept[name] = value
  }
  return kept
}

export function makeLogger (level = 'warn', stream = process.stderr, bindings = {}) {
  const threshold = LEVELS[level] ?? LEVELS.warn
  const write = (name, obj, msg) => {
    if (LEVELS[name] < threshold) return
    if (typeof obj === 'string' && msg === undefined) { msg = obj; obj = {} }
    const fields = { ...bindings, ...safeFields(obj) }
    const rest = Object.keys(fields).length ? ' ' + JSON.stringify(fields) : ''
    stream.write(`${name.toUpperCase()} ${msg ?? ''}${rest}\n`)
  }
  return {
    level,
    child: extra => makeLogger(level, stream, { ...bindings, ...safeFields(extra) }),
    trace: (o, m) => write('trace', o, m),
    debug: (o, m) => write('debug', o, m),
    info: (o, m) => write('info', o, m),
    warn: (o, m) => write('warn', o, m),
    error: (o, m) => write('error', o, m),
    fatal: (o, m) => write('fatal', o, m)
  }
}
