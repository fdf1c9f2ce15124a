// Web Share Target for the installed app (Android): another app shares a deck file, a text or a
// link with Intercept. The manifest's share_target POSTs multipart form data to import/shared;
// the generated service worker loads this file first (workbox `importScripts` in vite.config.ts),
// so this listener sees the POST before workbox's routes, which only answer GETs anyway.
//
// Shared files go to Cache Storage (the page's IndexedDB layer stays the only IndexedDB owner)
// and the page is sent on to import?shared=1, where src/pwa/sharedFiles.ts takes them out again.
// A text or link share with no file becomes ?title=&text=&url=, as the old GET share target did.
// Keep CACHE and the entry format in step with src/pwa/sharedFiles.ts.
;(function (sw) {
  'use strict'
  var CACHE = 'intercept-shared-files'
  var ACTION = 'import/shared'
  var MAX_FILES = 5
  // far above the importer's own limit (it reports a too-large file); this one only keeps a
  // runaway share from filling the cache
  var MAX_FILE_BYTES = 64 * 1024 * 1024

  function scopeUrl(path) {
    return new URL(path, sw.registration.scope)
  }

  async function keepFiles(files) {
    var cache = await sw.caches.open(CACHE)
    // one share at a time: whatever an earlier share left behind is replaced
    var old = await cache.keys()
    await Promise.all(
      old.map(function (request) {
        return cache.delete(request)
      }),
    )
    var batch = Date.now()
    await Promise.all(
      files.map(function (file, index) {
        var key = scopeUrl('__shared-files/' + batch + '-' + index).href
        return cache.put(
          key,
          new Response(file, {
            headers: {
              'Content-Type': file.type || 'application/octet-stream',
              'X-File-Name': encodeURIComponent(file.name || 'shared-deck'),
              'X-Shared-At': String(batch),
            },
          }),
        )
      }),
    )
  }

  function text(form, name) {
    var value = form.get(name)
    return typeof value === 'string' ? value.trim() : ''
  }

  async function receive(request) {
    var target = scopeUrl('import')
    try {
      var form = await request.formData()
      var shared = form.getAll('deck').filter(function (value) {
        return typeof value === 'object' && value !== null
      })
      var files = shared
        .filter(function (file) {
          return file.size <= MAX_FILE_BYTES
        })
        .slice(0, MAX_FILES)
      // a file too large to keep is named, so the import screen can say why nothing came
      var tooLarge = shared.filter(function (file) {
        return file.size > MAX_FILE_BYTES
      })
      if (tooLarge.length)
        target.searchParams.set(
          'tooLarge',
          tooLarge
            .map(function (file) {
              return file.name
            })
            .join(', '),
        )
      if (files.length) {
        await keepFiles(files)
        target.searchParams.set('shared', '1')
      } else {
        ;['title', 'text', 'url'].forEach(function (name) {
          var value = text(form, name)
          if (value) target.searchParams.set(name, value)
        })
      }
    } catch (error) {
      // unreadable form data or no room in the cache: the importer still opens, empty
      console.warn('Intercept could not keep a shared file', error)
    }
    return Response.redirect(target.href, 303)
  }

  sw.addEventListener('fetch', function (event) {
    var request = event.request
    if (request.method !== 'POST') return
    if (new URL(request.url).pathname !== scopeUrl(ACTION).pathname) return
    event.respondWith(receive(request))
  })
})(self)
