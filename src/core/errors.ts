// What went wrong, in words for the person using the app. A caught error's own message is written
// for developers: it names internals ("Failed to execute 'put' on 'IDBObjectStore'…"), may be in
// the browser's language, and says nothing of what to do. The shell logs the error itself to the
// console for diagnosis and shows this instead.

/** The error's name (`QuotaExceededError`, `TypeError`…), whatever threw it; '' when it has none. */
function nameOf(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('name' in error)) return ''
  return typeof error.name === 'string' ? error.name : ''
}

function messageOf(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('message' in error)) return ''
  return typeof error.message === 'string' ? error.message : ''
}

/**
 * An error as plain data, to post from a worker (an Error does not survive structured cloning
 * with its name in every browser): `describeError` on the other side reads the same kind.
 * @example describeError(errorParts(new DOMException('…', 'QuotaExceededError'))) names the full disk
 */
export function errorParts(error: unknown): { name: string; message: string } {
  return {
    name: nameOf(error),
    message: messageOf(error) || (typeof error === 'string' ? error : String(error)),
  }
}

/** True when a request never reached a server (offline, DNS, a refused connection). */
export function isNetworkFailure(error: unknown): boolean {
  const name = nameOf(error)
  return (
    name === 'NetworkError' ||
    (name === 'TypeError' && /fetch|network|load failed/i.test(messageOf(error)))
  )
}

/**
 * The likely cause of a failure as a phrase to put after a colon (lower case, no final stop),
 * chosen by the error's kind, never by echoing its message:
 * @example describeError(new DOMException('…', 'QuotaExceededError')) === 'this device has no storage space left for Intercept: free some space, then try again'
 */
export function describeError(error: unknown): string {
  switch (nameOf(error)) {
    case 'QuotaExceededError':
      return 'this device has no storage space left for Intercept: free some space, then try again'
    case 'VersionError':
      return 'a newer version of Intercept is open in another tab: reload this page'
    case 'InvalidStateError':
    case 'TransactionInactiveError':
      return 'Intercept was updated or closed in another tab: reload this page'
    case 'SecurityError':
    case 'UnknownError':
      return 'the browser does not let Intercept keep data on this device (private browsing can cause this)'
    case 'AbortError':
      return 'the operation was interrupted before it finished; nothing was half-saved, so try again'
  }
  // fetch rejects with a TypeError when the request never reached a server
  if (isNetworkFailure(error))
    return 'the network could not be reached: check the connection, then try again'
  return 'something unexpected went wrong (the details are in the browser console)'
}
