import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Clock, ExportSink } from '../../core/ports';

/**
 * The local stand-in for S3: streams the export into a folder the local server serves. The file
 * appears under its final name only when complete, so a half-written export is never downloaded.
 */
export class FolderExportSink implements ExportSink {
  constructor(
    private readonly dir: string,
    private readonly baseUrl: string,
    private readonly clock: Clock,
  ) {}

  async store(
    fileName: string,
    _contentType: string,
    chunks: AsyncIterable<string>,
  ): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, fileName);
    try {
      await pipeline(Readable.from(chunks), createWriteStream(`${path}.partial`));
    } catch (error) {
      await rm(`${path}.partial`, { force: true });
      throw error;
    }
    await rename(`${path}.partial`, path);
  }

  async link(fileName: string) {
    return {
      url: `${this.baseUrl}/${fileName}`,
      expiresAt: new Date(this.clock.now().getTime() + 86_400_000).toISOString(),
    };
  }
}
