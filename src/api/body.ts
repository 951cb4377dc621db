import { ApiError } from '../attendance/errors.ts';

/**
 * Reading request bodies without letting a client choose how much memory the server spends:
 * a declared Content-Length over the cap is refused before a byte is read, and a body without
 * one (chunked) is counted as it streams and dropped as soon as it passes the cap.
 */
export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    'payload_too_large',
    `The body is larger than ${formatBytes(maxBytes)}, the most this route accepts.`,
    { field: 'body' },
  );
}

/** Refuses on the declared length alone, so a 20 MB upload costs nothing but this header. */
export function refuseDeclaredLength(request: Request, maxBytes: number): void {
  const declared = request.headers.get('content-length');
  if (declared === null) return;
  if (!/^\d+$/.test(declared.trim()))
    throw new ApiError('invalid_request', 'The Content-Length header is not a number.', { field: 'content-length' });
  if (Number(declared) > maxBytes) {
    // Let the client finish sending (thrown away unread) so it can read the 413; over the
    // budget the stream is cancelled at once.
    if (request.body && !request.bodyUsed) void discardRest(request.body.getReader());
    throw tooLarge(maxBytes);
  }
}

/** The body as text, at most `maxBytes` of it; bytes that are not UTF-8 are refused, not replaced. */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  refuseDeclaredLength(request, maxBytes);
  const bytes = await readBytes(request, maxBytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('invalid_request', 'The body is not valid UTF-8 text.', { field: 'body' });
  }
}

/** The body's bytes, at most `maxBytes` (413 beyond): for uploads whose encoding is decided later (a roster from Excel). */
export async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Stop keeping it at once; the rest is read and thrown away (see discardRest) while the 413 goes out.
    if (total > maxBytes) {
      void discardRest(reader);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads what the client still sends and keeps none of it, so that it can finish sending and read
 * the 413: closing the connection instead makes most clients report a broken pipe, not the answer.
 * Past DISCARD_BUDGET the stream is cancelled, which resets the connection: an endless upload
 * costs the server nothing but that budget.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      discarded += value.byteLength;
      if (discarded > DISCARD_BUDGET) return void (await reader.cancel());
    }
  } catch {
    // The client went away: nothing left to discard.
  }
}

const DISCARD_BUDGET = 64 * 1024 * 1024;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} kB`;
}
