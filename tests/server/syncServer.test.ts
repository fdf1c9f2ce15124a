// @vitest-environment node
// The sync server as the app meets it: accounts, sessions, one private database per user, CORS,
// and data that outlives a restart. Each test talks HTTP to a real `npm run sync-server` process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncServerProcess, type SyncServerProcess } from '../syncServer'

const ORIGIN = 'http://localhost:4173'
let server: SyncServerProcess

const userDb = (name: string) => `userdb-${Buffer.from(name).toString('hex')}`

async function call(path: string, init: RequestInit & { cookie?: string } = {}) {
  const { cookie, ...rest } = init
  const response = await fetch(server.url + path, {
    ...rest,
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...((rest.headers as Record<string, string>) ?? {}),
    },
  })
  return { status: response.status, headers: response.headers, body: await response.json() }
}

async function signUp(name: string, password: string) {
  return call(`/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: 'PUT',
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user' }),
  })
}

async function signIn(name: string, password: string): Promise<string> {
  const response = await fetch(server.url + '/_session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  })
  expect(response.status).toBe(200)
  const setCookie = response.headers.get('set-cookie') ?? ''
  expect(setCookie).toMatch(/AuthSession=/)
  expect(setCookie).toMatch(/HttpOnly/i)
  expect(setCookie).toMatch(/Max-Age=\d+/)
  return setCookie.split(';')[0]!
}

beforeAll(async () => {
  server = await startSyncServerProcess({ origins: [ORIGIN] })
}, 60_000)

afterAll(async () => {
  await server?.stop()
  server?.remove()
})

describe('sync server', () => {
  it('gives a new user a database of their own, ready when sign-up returns', async () => {
    expect((await signUp('ada', 'correct horse')).status).toBe(201)
    const cookie = await signIn('ada', 'correct horse')
    const session = await call('/_session', { cookie })
    expect(session.body.userCtx).toEqual({ name: 'ada', roles: [] })
    const put = await call(`/${userDb('ada')}/review-1`, {
      method: 'PUT',
      cookie,
      body: JSON.stringify({ recall: 'good' }),
    })
    expect(put.status).toBe(201)
    const got = await call(`/${userDb('ada')}/review-1`, { cookie })
    expect(got.body.recall).toBe('good')
  })

  it('refuses a wrong password, and a second sign-up under a taken name', async () => {
    await signUp('grace', 'first')
    const wrong = await call('/_session', {
      method: 'POST',
      body: JSON.stringify({ name: 'grace', password: 'second' }),
    })
    expect(wrong.status).toBe(401)
    // CouchDB answers 409 (the document exists), express-pouchdb 403 (only Grace may change it)
    expect([403, 409]).toContain((await signUp('grace', 'other')).status)
    await signIn('grace', 'first')
  })

  it("refuses a user and an anonymous caller on another user's database", async () => {
    await signUp('owner', 'pw-owner')
    await signUp('intruder', 'pw-intruder')
    const owner = await signIn('owner', 'pw-owner')
    const intruder = await signIn('intruder', 'pw-intruder')
    const db = userDb('owner')
    await call(`/${db}/secret`, { method: 'PUT', cookie: owner, body: JSON.stringify({ a: 1 }) })
    for (const cookie of [intruder, undefined]) {
      expect((await call(`/${db}`, { cookie })).status).toBe(401)
      expect((await call(`/${db}/secret`, { cookie })).status).toBe(401)
      expect((await call(`/${db}/_all_docs`, { cookie })).status).toBe(401)
      expect((await call(`/${db}/_changes`, { cookie })).status).toBe(401)
      const write = await call(`/${db}/planted`, {
        method: 'PUT',
        cookie,
        body: JSON.stringify({ b: 2 }),
      })
      expect(write.status).toBe(401)
      const security = await call(`/${db}/_security`, {
        method: 'PUT',
        cookie,
        body: JSON.stringify({ members: { names: [] } }),
      })
      expect(security.status).toBe(401)
    }
    // the owner cannot open their database to others either
    const opened = await call(`/${db}/_security`, {
      method: 'PUT',
      cookie: owner,
      body: JSON.stringify({ members: { names: [] } }),
    })
    expect(opened.status).toBe(401)
    expect((await call(`/${db}/planted`, { cookie: owner })).status).toBe(404)
  })

  it('keeps creating and listing databases to server admins', async () => {
    await signUp('curious', 'pw')
    const cookie = await signIn('curious', 'pw')
    expect((await call('/_all_dbs', { cookie })).status).toBe(403)
    expect((await call('/_all_dbs')).status).toBe(403)
    expect((await call('/someone-elses', { method: 'PUT', cookie })).status).toBe(403)
    expect((await call(`/${userDb('curious')}`, { method: 'DELETE', cookie })).status).toBe(403)
  })

  it("answers the app's origin with credentials, and no other origin", async () => {
    const preflight = await fetch(`${server.url}/_session`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    const other = await fetch(`${server.url}/`, { headers: { origin: 'http://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('keeps accounts, data and sessions across a restart, even after a crash', async () => {
    await signUp('steady', 'pw-steady')
    const cookie = await signIn('steady', 'pw-steady')
    const db = userDb('steady')
    const put = await call(`/${db}/kept`, {
      method: 'PUT',
      cookie,
      body: JSON.stringify({ n: 42 }),
    })
    expect(put.status).toBe(201)
    await server.stop({ crash: true })
    const port = Number(new URL(server.url).port)
    server = await startSyncServerProcess({ data: server.data, port, origins: [ORIGIN] })
    expect((await call(`/${db}/kept`, { cookie })).body.n).toBe(42)
    expect((await call('/_session', { cookie })).body.userCtx.name).toBe('steady')
    await signIn('steady', 'pw-steady')
    expect((await call(`/${userDb('owner')}/secret`, { cookie })).status).toBe(401)
  }, 60_000)
})
