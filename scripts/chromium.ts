// Debian's Chromium as every script and browser test starts it: these flags keep it from stalling
// on this machine's closed network (no component updates, no sync, no QUIC) and from crashing
// without a sandbox or a GPU.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]
