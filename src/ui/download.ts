/**
 * Saves text as a file through a blob URL and an <a download>: no "downloads" permission, nothing leaves
 * the browser. The URL is revoked later, not at once: some browsers start reading the blob after click().
 */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Local date as YYYY-MM-DD, for file names that sort by date. */
export function fileDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Files larger than this are refused before reading (packs and settings are a few kB). */
export const MAX_IMPORT_BYTES = 1024 * 1024;
