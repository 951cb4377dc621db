import { formatFieldPath, type ContentError } from './content-error.ts';
import type { LocalService, Locality, ReferralDirectory, ReferralService } from './schemas/index.ts';

/** One region's file of localities after it passed its schema: what the rules start from. */
export interface LocalityFile {
  /** Path from the project root, for error messages. */
  file: string;
  localities: Locality[];
  /** Line of a field in the file, when the reader knows it. */
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
}

/**
 * The rules a locality's schema cannot check alone: ids unique across every region's file,
 * service keys unique within a locality, and every `kind` naming a service of the national
 * directory (a local CEM is a CEM). Returns every problem found.
 */
export function checkLocalities(files: readonly LocalityFile[], directory: ReferralDirectory): ContentError[] {
  const errors: ContentError[] = [];
  const national = directory.services.map((s) => s.key);
  const seen = new Map<string, string>();
  for (const { file, localities, lineOf } of files) {
    const fail = (path: (string | number)[], message: string) =>
      errors.push({ file, line: lineOf?.(path), field: formatFieldPath(path), message });
    localities.forEach((locality, i) => {
      const other = seen.get(locality.id);
      if (other)
        fail(
          ['localities', i, 'id'],
          `"${locality.id}" is already the id of a locality in ${other}` +
            ' — ids must be unique in the country; choose another',
        );
      else seen.set(locality.id, file);
      const keys = new Set<string>();
      locality.services.forEach((service, j) => {
        const at = ['localities', i, 'services', j];
        if (keys.has(service.key))
          fail(
            [...at, 'key'],
            `"${service.key}" is listed twice in locality "${locality.id}"` +
              ' — each service has one key; remove one or rename it',
          );
        keys.add(service.key);
        if (!national.includes(service.kind))
          fail(
            [...at, 'kind'],
            `"${service.kind}" is not a service of the national directory` +
              ` (content/referrals/${directory.country}.yaml)` +
              ` — use one of: ${national.join(', ')}`,
          );
      });
    });
  }
  return errors;
}

/** The directory with every region's localities added, in file order. */
export function withLocalities(directory: ReferralDirectory, files: readonly LocalityFile[]): ReferralDirectory {
  const localities = [...(directory.localities ?? []), ...files.flatMap((f) => f.localities)];
  return localities.length ? { ...directory, localities } : directory;
}

/** A locality's services that are local offices of these national services, in the given order. */
export function localServicesFor(locality: Locality, path: readonly ReferralService[]): LocalService[] {
  return path.flatMap((national) => locality.services.filter((s) => s.kind === national.key));
}

/** "Ayacucho (Huamanga, Ayacucho)": the district first, because that is what she looks for. */
export function localityLabel(locality: Locality): string {
  return `${locality.district} (${locality.province}, ${locality.region})`;
}
