import { z } from 'zod';
import { ExportFormat, ExportTable, exportCustomerFile } from '../../shared/core/customer-file';
import { created, ownerRoute } from '../runtime/http-route';

export const ExportQuery = z.strictObject({
  format: ExportFormat.default('csv'),
  table: ExportTable.default('customers'),
});

/** Streams the whole customer file to storage and answers with a short-lived download link. */
export const handler = ownerRoute(async (request, services) => {
  const { format, table } = request.query(ExportQuery);
  const deps = { customers: await services.customers(), sink: services.exportSink(), clock: services.clock, ids: services.ids };
  return created(await exportCustomerFile(deps, format, table));
});
