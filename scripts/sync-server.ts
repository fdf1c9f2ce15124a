// npm run sync-server [-- --port 5984 --data .sync-data --origin http://localhost:4173]
// A CouchDB-compatible server for Intercept's sync, on this machine: express-pouchdb over PouchDB's
// on-disk LevelDB adapter (leveldown ships prebuilt binaries in its npm package, so nothing is
// downloaded or compiled). It speaks CouchDB's replication protocol, so the app syncs with it
// exactly as with Apache CouchDB 3, and adds what a CouchDB 3 would be configured for:
// - accounts in `_users`, sessions by cookie (`_session`), no admin party;
// - one database per user (CouchDB's `couch_peruser`): `userdb-<hex of the name>`, readable and
//   writable by that user only (`_security`), created when the user signs up;
// - only server admins may create or list databases;
// - CORS with credentials for the app's origins.
// Everything lives under --data and survives a restart, sessions included.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import type { NextFunction, Request, Response } from 'express'

const require = createRequire(import.meta.url)

export interface SyncServerOptions {
  port: number
  host: string
  /** Folder for the databases, the config and the log. */
  data: string
  /** Origins allowed to call the server from a browser, with cookies. */
  origins: string[]
}

export interface RunningSyncServer {
  url: string
  close(): Promise<void>
}

/** CouchDB's per-user database name: `userdb-` and the UTF-8 bytes of the name in hex. */
export function userDbName(name: string): string {
  return `userdb-${Buffer.from(name, 'utf8').toString('hex')}`
}

const DEFAULT_ORIGINS = [
  'http://localhost:4173',
  'http://localhost:5173',
  'http://127.0.0.1:4173',
  'http://127.0.0.1:5173',
]

/** A device stays signed in this long after signing in. */
const SESSION_SECONDS = 30 * 24 * 3600

interface ServerSecrets {
  adminPassword: string
  cookieSecret: string
}

/** The internal admin and the cookie secret, made once per data folder so sessions outlive restarts. */
function secrets(data: string): ServerSecrets {
  const file = join(data, 'secrets.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ServerSecrets
  const made = {
    adminPassword: randomBytes(24).toString('hex'),
    cookieSecret: randomBytes(16).toString('hex'),
  }
  writeFileSync(file, JSON.stringify(made), { mode: 0o600 })
  return made
}

/** Starts the server; resolves once it accepts connections and every user has a database. */
export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  const data = resolve(options.data)
  mkdirSync(join(data, 'db'), { recursive: true })
  const { adminPassword, cookieSecret } = secrets(data)
  const express = require('express') as typeof import('express')
  const PouchDB = (require('pouchdb-node') as PouchDBStatic).defaults({
    prefix: join(data, 'db') + '/',
  })
  const expressPouchDB = require('express-pouchdb') as ExpressPouchDB

  const couch = expressPouchDB(PouchDB, {
    mode: 'fullCouchDB',
    overrideMode: { exclude: ['routes/fauxton', 'routes/replicate', 'replicator'] },
    configPath: join(data, 'config.json'),
    logPath: join(data, 'log.txt'),
  })
  const config = couch.couchConfig
  const set = (section: string, key: string, value: unknown) =>
    new Promise<void>((done) => config.set(section, key, value, () => done()))
  await set('admins', 'intercept', adminPassword)
  await set('couch_httpd_auth', 'secret', cookieSecret)
  await set('couch_httpd_auth', 'timeout', SESSION_SECONDS)
  await set('couch_httpd_auth', 'allow_persistent_cookies', true)
  await set('log', 'level', 'warning')

  const app = express()
  const adminAuth = 'Basic ' + Buffer.from(`intercept:${adminPassword}`).toString('base64')
  const allowed = new Set(options.origins)
  app.disable('x-powered-by')
  app.use((req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin)
      res.setHeader('Access-Control-Allow-Credentials', 'true')
      res.setHeader('Vary', 'Origin')
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE')
        res.setHeader(
          'Access-Control-Allow-Headers',
          'accept, authorization, content-type, origin, referer, x-csrf-token',
        )
        res.setHeader('Access-Control-Max-Age', '600')
        res.status(204).end()
        return
      }
    }
    next()
  })

  let base = ''
  const asAdmin = (path: string, init: RequestInit = {}) =>
    fetch(base + path, {
      ...init,
      headers: { authorization: adminAuth, 'content-type': 'application/json' },
    })

  /** Creates the user's database (if missing) readable and writable by that user alone. */
  async function ensureUserDb(name: string): Promise<void> {
    const db = userDbName(name)
    const created = await asAdmin(`/${db}`, { method: 'PUT' })
    if (!created.ok && created.status !== 412) throw new Error(`creating ${db}: ${created.status}`)
    const security = { admins: { names: [], roles: [] }, members: { names: [name], roles: [] } }
    const secured = await asAdmin(`/${db}/_security`, {
      method: 'PUT',
      body: JSON.stringify(security),
    })
    if (!secured.ok) throw new Error(`securing ${db}: ${secured.status}`)
  }

  // express-pouchdb's session cookie ends with the browser; an installed app should stay signed in
  // (as CouchDB's allow_persistent_cookies does) until the session times out.
  app.use('/_session', (_req: Request, res: Response, next: NextFunction) => {
    const cookie = res.cookie.bind(res)
    res.cookie = ((name: string, value: string, options: object = {}) =>
      cookie(name, value, {
        ...options,
        maxAge: SESSION_SECONDS * 1000,
        sameSite: 'lax',
      })) as typeof res.cookie
    next()
  })
  // The internal admin is the only server admin (its password never leaves this process).
  const adminOnly = (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization === adminAuth) return next()
    res.status(403).json({ error: 'forbidden', reason: 'Only a server admin may do this.' })
  }
  // CouchDB 3 keeps listing, creating and deleting databases to server admins.
  app.get('/_all_dbs', adminOnly)
  app.get('/_db_updates', adminOnly)
  app.put('/:db', (req: Request, res: Response, next: NextFunction) =>
    req.params.db?.startsWith('_') ? next() : adminOnly(req, res, next),
  )
  app.delete('/:db', adminOnly)
  // Sign-up: once the user document is stored, the user's database exists before the reply.
  app.put('/_users/:id', (req: Request, res: Response, next: NextFunction) => {
    const id = req.params.id ?? ''
    if (!id.startsWith('org.couchdb.user:')) return next()
    const name = id.slice('org.couchdb.user:'.length)
    const end = res.end.bind(res) as (...args: unknown[]) => Response
    ;(res as { end: unknown }).end = (...args: unknown[]) => {
      if (res.statusCode !== 201) return end(...args)
      ensureUserDb(name).then(
        () => end(...args),
        (error: unknown) => {
          console.error(error)
          end(...args)
        },
      )
      return res
    }
    next()
  })
  app.use(couch)

  const server = await new Promise<import('node:http').Server>((done, fail) => {
    const s = app.listen(options.port, options.host, () => done(s))
    s.on('error', fail)
  })
  const { port } = server.address() as AddressInfo
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  base = `http://${host}:${port}`

  // A sign-up interrupted by a crash may have missed its database: every user gets one now.
  const users = (await (await asAdmin('/_users/_all_docs')).json()) as { rows?: { id: string }[] }
  for (const row of users.rows ?? [])
    if (row.id.startsWith('org.couchdb.user:'))
      await ensureUserDb(row.id.slice('org.couchdb.user:'.length))

  return {
    url: base,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

type PouchDBStatic = { defaults(options: object): PouchDBStatic }
type ExpressPouchDB = (
  PouchDB: PouchDBStatic,
  options: object,
) => import('express').Express & {
  couchConfig: { set(section: string, key: string, value: unknown, done: () => void): void }
}

function parseArgs(argv: string[]): SyncServerOptions {
  const options: SyncServerOptions = {
    port: 5984,
    host: '127.0.0.1',
    data: '.sync-data',
    origins: [...DEFAULT_ORIGINS],
  }
  let customOrigins = false
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[i + 1]
    if (value === undefined) throw new Error(`${flag} needs a value`)
    i++
    if (flag === '--port') options.port = Number(value)
    else if (flag === '--host') options.host = value
    else if (flag === '--data') options.data = value
    else if (flag === '--origin') {
      if (!customOrigins) options.origins = []
      customOrigins = true
      options.origins.push(value.replace(/\/$/, ''))
    } else throw new Error(`unknown option ${flag}`)
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new Error('--port must be a port number')
  return options
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const options = parseArgs(process.argv.slice(2))
  const running = await startSyncServer(options)
  console.log(`sync server listening on ${running.url} (data in ${resolve(options.data)})`)
  console.log(`allowed origins: ${options.origins.join(', ')}`)
  const stop = () => void running.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
