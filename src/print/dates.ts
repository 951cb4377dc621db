/** A YYYY-MM-DD date in words, in the site's language ("1 de noviembre de 2026"). */
export const formatDate = (isoDate: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
