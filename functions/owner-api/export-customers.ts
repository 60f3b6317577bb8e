import { ExportQuery, exportCustomerFile } from '../../shared/core/customer-file';
import { exportSink } from '../runtime/export-sink';
import { created, ownerRoute } from '../runtime/http-route';

/** Streams the whole customer file to storage and answers with a short-lived download link. */
export const handler = ownerRoute(async (request, services) => {
  const { format, table } = request.query(ExportQuery);
  const deps = {
    customers: await services.customers(),
    sink: exportSink(),
    clock: services.clock,
    ids: services.ids,
  };
  return created(await exportCustomerFile(deps, format, table));
});
