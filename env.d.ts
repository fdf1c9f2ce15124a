/// <reference types="vite/client" />
declare module '*.txt?raw' {
  const text: string
  export default text
}
declare module '*.md?raw' {
  const text: string
  export default text
}
/** The shipped decks, validated at build time (scripts/vite-shipped-decks.ts). */
declare module 'virtual:shipped-decks' {
  const decks: readonly { id: string; version: number; url: string }[]
  export default decks
}
