import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dayNumber } from '../../shared/core/lapse/day-number';
import type { PurchaseLog } from '../../shared/core/lapse/purchase-log';

/** The CDNOW reference data lives in the shared folder beside the repository, never copied in. */
const CDNOW_DIR = new URL('../../../shared/data/cdnow/', import.meta.url);

/** Last day of the 39-week calibration period and of the 39-week holdout period. */
export const CALIBRATION_END = '1997-09-30';
export const HOLDOUT_END = '1998-06-30';

function read(file: string): string {
  return readFileSync(fileURLToPath(new URL(file, CDNOW_DIR)), 'utf8');
}

function dayOf(yyyymmdd: string): number {
  return dayNumber(`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`);
}

/** A transaction log as columns; customer i is the file's id i + 1 (ids run 1 … customers). */
function parseLog(
  text: string,
  idColumn: number,
  dateColumn: number,
  skipHeader: boolean,
): PurchaseLog {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const rows = skipHeader ? lines.slice(1) : lines;
  const customer = new Int32Array(rows.length);
  const day = new Int32Array(rows.length);
  let customers = 0;
  rows.forEach((line, i) => {
    const fields = line.trim().split(/\s+/);
    const id = Number(fields[idColumn]);
    customer[i] = id - 1;
    day[i] = dayOf(fields[dateColumn] as string);
    customers = Math.max(customers, id);
  });
  return { customers, customer, day };
}

/** CDNOW_sample.txt: 2,357 customers by sample id (second column). */
export function cdnowSampleLog(): PurchaseLog {
  return parseLog(read('CDNOW_sample.txt'), 1, 2, false);
}

/** CDNOW_master.txt: 23,570 customers. */
export function cdnowMasterLog(): PurchaseLog {
  return parseLog(read('CDNOW_master.txt'), 0, 1, true);
}

export interface SummaryRow {
  readonly id: number;
  /** The file's text of each field, as published. */
  readonly text: { readonly frequency: string; readonly recency: string; readonly T: string };
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
}

/** cdnow_customers_summary.csv: (x, t_x, T) in weeks for the sample's calibration period. */
export function cdnowSummary(): SummaryRow[] {
  return read('cdnow_customers_summary.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id, frequency, recency, T] = line.trim().split(',') as [
        string,
        string,
        string,
        string,
      ];
      return {
        id: Number(id),
        text: { frequency, recency, T },
        frequency: Number(frequency),
        recency: Number(recency),
        T: Number(T),
      };
    });
}
