// Dates as readers of each language write them, from the one ISO date of the issue.

/** A date in the language's own long form, e.g. `15. Oktober 2026`, `2026年10月15日`. */
export function formatLongDate(iso: string, lang: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  try {
    return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
  } catch {
    return iso;
  }
}
