// The words of the update note, by language (update-note.ts writes this module at build time).
declare module 'virtual:tejido/update-note' {
  const notes: {
    /** The organisation's default language, for a page whose language has no note. */
    fallback: string;
    byLang: Record<string, import('./update-note.ts').UpdateNoteWords>;
  };
  export default notes;
}
