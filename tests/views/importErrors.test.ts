// An unexpected error while reading an import (a reader's bug, no memory left) reaches the screen
// described for the person importing, never as the developer's message it was thrown with.
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mountRoute, until } from './harness'
import { stubOfflineFetch } from '../offline'

const RAW = "Failed to execute 'slice' on 'Blob': internal reader state 0x3f"

// jsdom has no Worker, so the job runs on the page (workers/importClient.ts runHere)
vi.mock('@/core/importers/job', async (actual) => ({
  ...(await actual<typeof import('@/core/importers/job')>()),
  runImportJob: () => Promise.reject(new TypeError(RAW)),
}))

enableAutoUnmount(afterEach)
beforeEach(() => {
  stubOfflineFetch()
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('ImportView, when reading throws', () => {
  it('says nothing was imported, with the described cause and not the raw message', async () => {
    const { wrapper } = await mountRoute('/import')
    await wrapper.get('[data-testid="import-text"]').setValue('front\tback')
    await wrapper.get('[data-testid="read-pasted"]').trigger('click')
    await until(() => wrapper.find('[data-testid="import-failed"]').exists(), 'the failure')
    const failed = wrapper.get('[data-testid="import-failed"]').text()
    expect(failed).toContain('Nothing on this device was changed.')
    expect(failed).toContain(
      'It could not be read: something unexpected went wrong (the details are in the browser console).',
    )
    expect(failed).not.toContain('Blob')
    expect(wrapper.text()).not.toContain(RAW)
  })
})
