import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * Returns the hex secret stored in `file`, creating it (owner-only, 0600) on first use. It is
 * never rewritten: a new secret would silently change every stored hash.
 */
export async function ensureSecretFile(file: string, bytes = 32): Promise<string> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${randomBytes(bytes).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(secret)) {
    throw new Error(
      `${file} does not hold a ${bytes}-byte hex secret. Restore it, or delete it to make a new one (address hashes made with the old one will stop matching).`,
    );
  }
  return secret;
}
