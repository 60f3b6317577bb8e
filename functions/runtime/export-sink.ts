import { S3Client } from '@aws-sdk/client-s3';
import { DynamoExportJobRepository } from '../../shared/adapters/dynamodb/export-job-repository';
import { FolderExportSink } from '../../shared/adapters/export/folder-export-sink';
import { S3ExportSink } from '../../shared/adapters/export/s3-export-sink';
import type { ExportJobRepository } from '../../shared/core/export-job';
import type { ExportSink } from '../../shared/core/ports';
import { config, required } from './config';
import { dynamo, services } from './services';

let s3: S3Client | undefined;

/** S3 in AWS, a folder served by the local server locally; only the export functions import it. */
export function exportSink(): ExportSink {
  const { EXPORT_BUCKET: bucket, EXPORT_DIR: dir, EXPORT_BASE_URL: baseUrl } = config();
  if (bucket !== undefined) {
    s3 ??= new S3Client({});
    return new S3ExportSink(s3, bucket, services.clock);
  }
  if (dir !== undefined && baseUrl !== undefined)
    return new FolderExportSink(dir, baseUrl, services.clock);
  throw new Error('EXPORT_BUCKET (AWS) or EXPORT_DIR and EXPORT_BASE_URL (local) must be set');
}

export function exportJobs(): ExportJobRepository {
  return new DynamoExportJobRepository(
    dynamo,
    required('TABLE_NAME', 'add needs.table to this function’s declaration'),
  );
}
