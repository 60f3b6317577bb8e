import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { Clock, ExportSink } from '../../core/ports';

const LINK_LIFETIME_SECONDS = 15 * 60;
/** Every export object lives under this prefix; the IAM grants name it. */
export const EXPORT_KEY_PREFIX = 'exports/';
const keyOf = (fileName: string) => `${EXPORT_KEY_PREFIX}${fileName}`;

/**
 * Streams an export into S3 with a multipart upload (memory stays at a few 5 MB parts however
 * large the file), and presigns downloads valid for fifteen minutes; the bucket's lifecycle rule
 * deletes the file itself after a day.
 */
export class S3ExportSink implements ExportSink {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly clock: Clock,
  ) {}

  async store(fileName: string, contentType: string, chunks: AsyncIterable<string>): Promise<void> {
    await new Upload({
      client: this.s3,
      params: {
        Bucket: this.bucket,
        Key: keyOf(fileName),
        Body: Readable.from(chunks),
        ContentType: contentType,
      },
    }).done();
  }

  async link(fileName: string) {
    const url = await getSignedUrl(
      this.s3,
      new GetObjectCommand({ Bucket: this.bucket, Key: keyOf(fileName) }),
      {
        expiresIn: LINK_LIFETIME_SECONDS,
      },
    );
    return {
      url,
      expiresAt: new Date(this.clock.now().getTime() + LINK_LIFETIME_SECONDS * 1000).toISOString(),
    };
  }
}
