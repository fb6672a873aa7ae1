/**
 * Sealed files: every file the package writes and later reads back (shards, checkpoint plans,
 * reproduce's checkpoints) carries `digest`, the SHA-256 of the canonical serialization of the
 * rest of its content. Reading verifies it, so a file changed after it was written (by hand, by a
 * bad copy, by a disk) is refused instead of giving another run's numbers. WebCrypto
 * (`crypto.subtle`) serves browsers and Node alike (in Node it is node:crypto's implementation).
 */

/** How a digest is written: the algorithm, a colon, 64 lowercase hex digits. */
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * The canonical serialization of plain JSON data: `JSON.stringify` with the keys of every object
 * sorted, no whitespace. Equal data gives equal text, whatever the key order or layout it was read with.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v);
}

/** `sha256:` and the hex SHA-256 of the canonical serialization of `value`. */
export async function digestOf(value: unknown): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error('checking file digests needs WebCrypto (crypto.subtle), which browsers offer only in secure contexts (https:// or localhost)');
  }
  const bytes = new TextEncoder().encode(canonical(value));
  const hash = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return `sha256:${Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A file whose content cannot be trusted: its digest does not match, it has none, or it was
 * written in an older format without one. `file` names it; the message says what to do.
 */
export class FileIntegrityError extends Error {
  /** The file (or other source) that was refused. */
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'FileIntegrityError';
    this.file = file;
  }
}

/** `value` with its `digest` added as the last field (what a sealed file holds). */
export async function seal<T extends Record<string, unknown>>(value: T): Promise<T & { readonly digest: string }> {
  if ('digest' in value) throw new RangeError('a value to seal must not have a digest field already');
  return { ...value, digest: await digestOf(value) };
}

/**
 * Checks the `digest` field of a sealed file's parsed content and returns the content without
 * it; throws a FileIntegrityError naming `file` when the digest is missing or does not match.
 * `redo` says how to get a good file again (e.g. "re-run shard 3").
 */
export async function unseal(value: Record<string, unknown>, file: string, redo: string): Promise<Record<string, unknown>> {
  const { digest, ...content } = value;
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) {
    throw new FileIntegrityError(file, `has no valid digest (expected "sha256:" and 64 hex digits; got ${JSON.stringify(digest) ?? 'none'}); ${redo}`);
  }
  const actual = await digestOf(content);
  if (actual !== digest) {
    throw new FileIntegrityError(file, `content does not match its digest (the file was changed after it was written: ` +
      `it records ${digest}, its content hashes to ${actual}); ${redo}`);
  }
  return content;
}
