/** Writing files atomically: shards, checkpoints and every output of `reproduce` go through here. */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Writes `data` to `file` atomically: a temporary file in the same folder, flushed to disk,
 * then renamed over `file`. A killed task leaves either the old file or the new one.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
