import { ExportPath, describeExport } from '../../shared/core/export-job';
import { exportJobs, exportSink } from '../runtime/export-sink';
import { ok, ownerRoute } from '../runtime/http-route';

/** The export's progress; once done, a fresh download link valid for fifteen minutes. */
export const handler = ownerRoute(async (request, services) => {
  const { exportId } = request.path(ExportPath);
  return ok(
    await describeExport(
      { jobs: exportJobs(), sink: exportSink(), clock: services.clock },
      exportId,
    ),
  );
});
