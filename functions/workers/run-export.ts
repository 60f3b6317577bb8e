import { ExportJobMessage, runExport } from '../../shared/core/export-job';
import { exportJobs, exportSink } from '../runtime/export-sink';
import { queueWorker } from '../runtime/queue-worker';

/** Writes one queued export of the customer file to storage. */
export const handler = queueWorker(
  'exportJobs',
  ExportJobMessage,
  async ({ jobId }, services, attempt) =>
    runExport(
      {
        jobs: exportJobs(),
        customers: await services.customers(),
        sink: exportSink(),
        clock: services.clock,
      },
      jobId,
      attempt,
    ),
);
