import { z } from 'zod';

/** One file of an offline copy. */
export const copyFileSchema = z.object({
  /** The URL the phone asks for: a page as `/a/b/` (its index.html), an asset by its path. */
  url: z.string().startsWith('/'),
  /** First 16 hex digits of the SHA-256 of the file: a new build re-downloads a file only if this changed. */
  revision: z.string().regex(/^[0-9a-f]{16}$/),
  /** Bytes on the wire: its brotli copy's size, as the server sends it (the raw size if not compressed). */
  bytes: z.number().int().nonnegative(),
});

/** What one programme's copy holds: written by the build as /offline/<id>.json. */
export const programmeCopySchema = z.object({
  /** The programme's id (content/docs/<programme>/index.mdx). */
  id: z.string(),
  /** The programme's title, for the list of saved copies on the offline page. */
  title: z.string(),
  /** Its landing page, e.g. `/imagen-peru/`. */
  href: z.string().startsWith('/'),
  /** The build this copy belongs to; the service worker saves only copies of its own build. */
  version: z.string(),
  /** The sum of `files[].bytes`: what saving it costs, shown before she taps. */
  bytes: z.number().int().nonnegative(),
  /** Its pages (sessions, manuals, handouts, session cards) and every CSS, JS and image they load. */
  files: z.array(copyFileSchema),
});

/** The list the "Guardar para usar sin señal" control reads: /offline/index.json. */
export const copyIndexSchema = z.object({
  /** The build's version (see `programmeCopySchema.version`). */
  version: z.string(),
  /** Every programme, with its copy's size, without the file list. */
  programmes: z.array(
    programmeCopySchema.omit({ files: true }).extend({
      /** How many files the copy has. */
      files: z.number().int().nonnegative(),
    }),
  ),
});

/** What the service worker itself keeps as soon as it is installed: the offline page and the attendance screen. */
export const workerConfigSchema = z.object({
  /** The build's version. */
  version: z.string(),
  /** The core files, with revisions, as in a programme copy. */
  core: z.array(copyFileSchema),
  /** URL of the offline page. */
  offlinePage: z.string().startsWith('/'),
  /** Ids of the programmes a copy can be saved for. */
  programmes: z.array(z.string()),
});

export type CopyFile = z.infer<typeof copyFileSchema>;
export type ProgrammeCopy = z.infer<typeof programmeCopySchema>;
export type CopyIndex = z.infer<typeof copyIndexSchema>;
export type WorkerConfig = z.infer<typeof workerConfigSchema>;
