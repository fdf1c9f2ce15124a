// The theme, kept where index.html can read it before the first paint (IndexedDB answers too late).

const THEME_KEY = 'intercept-theme'

/** Remembers `theme` for index.html's first paint; a browser that refuses (private mode) just forgets it. */
export function rememberTheme(theme: string): void {
  try {
    localStorage.setItem(THEME_KEY, theme)
  } catch {
    // private mode: the theme still applies, it just cannot be read before the next first paint
  }
}
