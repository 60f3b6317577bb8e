import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { sendProblem } from './problem';

/** URL prefix standing in for S3 presigned download links. */
export const localExportsPrefix = '/local-exports/';

// Plain names only: no dots beyond the extension, no slashes, so no way out of the folder.
const exportName = /^[a-zA-Z0-9-]+\.(csv|json|jsonl)$/;
const contentTypes: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  jsonl: 'application/jsonl',
};

function notFound(response: ServerResponse, name: string): void {
  sendProblem(response, { status: 404, title: 'Not Found', detail: `No export named "${name}".` });
}

/** Serves one finished export file from `exportDir`, as S3 would behind a presigned URL. */
export async function serveLocalExport(
  response: ServerResponse,
  exportDir: string,
  rawName: string,
): Promise<void> {
  const extension = exportName.exec(rawName)?.[1];
  const type = extension === undefined ? undefined : contentTypes[extension];
  if (type === undefined) return notFound(response, rawName);
  const path = join(exportDir, rawName);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return notFound(response, rawName);
  response.writeHead(200, {
    'content-type': type,
    'content-length': info.size,
    'content-disposition': `attachment; filename="${rawName}"`,
    'cache-control': 'no-store',
  });
  await new Promise<void>((resolve) => {
    createReadStream(path)
      .once('error', () => {
        response.destroy();
        resolve();
      })
      .once('end', resolve)
      .pipe(response);
  });
}
