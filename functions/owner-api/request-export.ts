import { ExportRequest, requestExport } from '../../shared/core/export-job';
import { exportJobs } from '../runtime/export-sink';
import { ownerRoute } from '../runtime/http-route';
import { exportJobQueue } from '../runtime/job-queues';

/** Queues an export of the whole customer file; the answer says where to follow it. */
export const handler = ownerRoute(async (request, services) => {
  const exportRequest = request.body(ExportRequest);
  const deps = {
    jobs: exportJobs(),
    queue: exportJobQueue(),
    clock: services.clock,
    ids: services.ids,
  };
  const job = await requestExport(deps, exportRequest);
  return { status: 202, body: job, headers: { location: `/exports/${job.id}` } };
});
