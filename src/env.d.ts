declare module 'virtual:tejido/organisation' {
  const organisation: import('./curriculum/schemas/organisation.ts').Organisation;
  export default organisation;
}
declare module 'virtual:tejido/vocabulary' {
  const vocabulary: import('./curriculum/schemas/vocabulary.ts').Vocabulary;
  export default vocabulary;
}

// Starlight's internal virtual modules, used by our copy of its Search component.
declare module 'virtual:starlight/project-context' {
  const project: { trailingSlash: 'always' | 'never' | 'ignore'; [key: string]: unknown };
  export default project;
}
declare module 'virtual:starlight/pagefind-config' {
  export const pagefindUserConfig: Record<string, unknown>;
}
