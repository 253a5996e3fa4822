// A file the console made or fetched (a CSV), saved by the browser as a download under a name of our choosing:
// the API's files need the bearer token, so the browser cannot fetch them by a plain link.

/** How long the file's blob: address stays valid after the download starts (the browser reads it meanwhile). */
const BLOB_LIFETIME_MS = 40_000;

/** Saves text (made here) or a Blob (bytes fetched, kept as they are). */
export function saveFile(name: string, content: string | Blob, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), BLOB_LIFETIME_MS);
}
