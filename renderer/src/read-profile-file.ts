import { firstNonUtf8, LIMITS, notUtf8Placed } from '../../simulator/index';

/**
 * A profile file opened or dropped in the app, as text: within the size
 * limit, and UTF-8 strictly. (A browser's File.text() turns bytes that are
 * not UTF-8 silently into U+FFFD, so a Latin-1 file would open with its
 * accented letters lost.) Rejects with the reason in words, for the caller
 * to put after the file's name.
 */
export async function readProfileFile(file: File): Promise<string> {
  if (file.size > LIMITS.sourceBytes) throw new Error(`it is ${file.size} bytes; the limit is ${LIMITS.sourceBytes} bytes (1 MiB)`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const bad = firstNonUtf8(bytes);
  if (bad) throw new Error(notUtf8Placed(bad));
  return new TextDecoder().decode(bytes);
}
