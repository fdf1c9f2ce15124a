import { enableAutoUnmount, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import SyncPanel from '@/components/sync/SyncPanel.vue'
import { describeSyncStatus } from '@/core/syncModel'

enableAutoUnmount(afterEach)

const base = { account: null, status: null, busy: false, error: null, localAnswers: 0 }
const time = (ms: number) => new Date(ms).toISOString().slice(11, 16)

describe('SyncPanel', () => {
  it('offers sign-in and sign-up with labelled fields while sync is off', async () => {
    const w = mount(SyncPanel, { props: base })
    expect(w.text()).toContain('Sync is off')
    await w.get('#sync-server').setValue('https://sync.example.org')
    await w.get('#sync-user').setValue('ada')
    await w.get('#sync-password').setValue('secret')
    await w.get('form').trigger('submit')
    const create = w.findAll('button').find((b) => b.text() === 'Create account')!
    await create.trigger('click')
    expect(w.emitted('signIn')).toEqual([
      [{ server: 'https://sync.example.org', user: 'ada', password: 'secret', create: false }],
      [{ server: 'https://sync.example.org', user: 'ada', password: 'secret', create: true }],
    ])
    expect(w.get('label[for="sync-password"]').text()).toBe('Password')
  })

  it('says beforehand that a first sync merges the progress already on the device', () => {
    const w = mount(SyncPanel, { props: { ...base, localAnswers: 12 } })
    expect(w.text()).toMatch(/already has 12 answers\. Signing in merges them/)
    expect(mount(SyncPanel, { props: base }).text()).not.toMatch(/merges/)
  })

  it('offers Sync now in a tab that does not sync, and shows the syncing tab’s status', async () => {
    const account = { server: 'http://localhost:5984', user: 'ada', on: true }
    const w = mount(SyncPanel, {
      props: { ...base, account, status: { phase: 'elsewhere' as const, waiting: 0 } },
    })
    expect(w.get('[role="status"]').text()).toBe('Syncing from another open tab of Intercept.')
    const button = w.findAll('button').find((b) => b.text() === 'Sync now')!
    expect(button.attributes('disabled')).toBeUndefined()
    await button.trigger('click')
    expect(w.emitted('syncNow')).toHaveLength(1)
    // the syncing tab's status, relayed: what it says, and that another tab runs it
    await w.setProps({
      status: {
        phase: 'synced',
        syncedAt: Date.UTC(2026, 0, 1, 14, 2),
        waiting: 0,
        otherTab: true,
      },
    })
    expect(w.get('[role="status"]').text()).toMatch(
      /^Synced at .+\. Another open tab of Intercept syncs for this device\.$/,
    )
    expect(
      w
        .findAll('button')
        .find((b) => b.text() === 'Sign out')!
        .attributes('disabled'),
    ).toBe(undefined)
  })

  it('shows the error in an alert', () => {
    const w = mount(SyncPanel, {
      props: { ...base, error: 'The server refused the name or password.' },
    })
    expect(w.get('[role="alert"]').text()).toBe('The server refused the name or password.')
  })

  it('shows the status, Sync now and Sign out once signed in, and no password field', async () => {
    const w = mount(SyncPanel, {
      props: {
        ...base,
        account: { server: 'http://localhost:5984', user: 'ada', on: true },
        status: { phase: 'synced' as const, syncedAt: Date.UTC(2026, 0, 1, 14, 2), waiting: 3 },
      },
    })
    expect(w.get('[role="status"]').text()).toContain('changes waiting to be sent')
    expect(w.find('#sync-password').exists()).toBe(false)
    await w
      .findAll('button')
      .find((b) => b.text() === 'Sync now')!
      .trigger('click')
    await w
      .findAll('button')
      .find((b) => b.text() === 'Sign out')!
      .trigger('click')
    expect(w.emitted('syncNow')).toHaveLength(1)
    expect(w.emitted('signOut')).toHaveLength(1)
  })

  it('asks for the password again when the server refuses the session', () => {
    const w = mount(SyncPanel, {
      props: {
        ...base,
        account: { server: 'http://localhost:5984', user: 'ada', on: true },
        status: { phase: 'denied' as const, waiting: 0, httpStatus: 401 },
      },
    })
    expect(w.get('[role="status"]').text()).toMatch(/refused the sign-in/)
    expect(w.find('#sync-password').exists()).toBe(true)
  })
})

describe('describeSyncStatus', () => {
  it('puts every state in words', () => {
    const at = Date.UTC(2026, 0, 1, 14, 2)
    expect(describeSyncStatus({ phase: 'synced', syncedAt: at, waiting: 0 }, time)).toBe(
      'Synced at 14:02.',
    )
    expect(describeSyncStatus({ phase: 'synced', syncedAt: at, waiting: 3 }, time)).toBe(
      'Synced at 14:02; 3 changes waiting to be sent.',
    )
    expect(describeSyncStatus({ phase: 'offline', waiting: 1 }, time)).toBe(
      'Offline: 1 change waiting to be sent; they go when the server can be reached again.',
    )
    expect(describeSyncStatus({ phase: 'offline', waiting: 0 }, time)).toMatch(/resumes by itself/)
    expect(describeSyncStatus({ phase: 'denied', waiting: 0, httpStatus: 401 }, time)).toMatch(
      /Sign in again/,
    )
    expect(describeSyncStatus({ phase: 'denied', waiting: 0, httpStatus: 403 }, time)).toMatch(
      /refused access/,
    )
    expect(describeSyncStatus({ phase: 'error', waiting: 0, httpStatus: 500 }, time)).toMatch(
      /\(500\); sync tries again/,
    )
    expect(describeSyncStatus({ phase: 'syncing', waiting: 2 }, time)).toBe(
      'Syncing… 2 changes waiting to be sent.',
    )
  })

  it('says when the status is another open tab’s, which runs sync for this device', () => {
    const at = Date.UTC(2026, 0, 1, 14, 2)
    expect(
      describeSyncStatus({ phase: 'synced', syncedAt: at, waiting: 0, otherTab: true }, time),
    ).toBe('Synced at 14:02. Another open tab of Intercept syncs for this device.')
    expect(describeSyncStatus({ phase: 'elsewhere', waiting: 0, otherTab: true }, time)).toBe(
      'Syncing from another open tab of Intercept.',
    )
    expect(
      describeSyncStatus({ phase: 'syncing', waiting: 0, otherTab: true, silent: true }, time),
    ).toMatch(/^The open tab of Intercept that syncs for this device did not answer/)
  })
})
