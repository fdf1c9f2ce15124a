// PouchDB 9's modules ship without types; the engine describes what it uses (engine.ts `Pouch`).
declare module 'pouchdb-core' {
  const PouchDB: {
    new (name: string, options?: object): unknown
    plugin(plugin: unknown): typeof PouchDB
    fetch(url: RequestInfo | URL, init?: RequestInit): Promise<Response>
  }
  export default PouchDB
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-replication' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-adapter-indexeddb' {
  const plugin: unknown
  export default plugin
}
