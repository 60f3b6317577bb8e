import { predictBatch } from '../../shared/core/lapse/batch-predictions';
import { fitModel } from '../../shared/core/lapse/fit-model';
import { compressPatterns } from '../../shared/core/lapse/patterns';
import { rfmColumns, summarizeLog } from '../../shared/core/lapse/purchase-log';
import { describeFit, fitFromLog, ms, warmMs } from './lapse-timing';
import { syntheticBgNbdLog } from './lapse-synthetic';
import { peakRssMiB } from './measure';

/**
 * Run by `npm run bench lapse` in its own process: a million customers drawn from a known BG/NBD
 * process, summarised, fitted and scored; the peak RSS printed is this process's.
 */
function benchMillion(): void {
  const truth = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
  const customers = 1_000_000;
  const shop = syntheticBgNbdLog(customers, truth, 20_260_401);
  console.log(
    `\n== Synthetic BG/NBD shop: ${customers.toLocaleString('en')} customers, ${shop.log.day.length.toLocaleString('en')} purchase rows, seed 20260401 ==`,
  );
  const rfm = rfmColumns(summarizeLog(shop.log, { through: shop.endDay }), shop.endDay, 'day');
  const patterns = compressPatterns(rfm);
  const fitTime = warmMs(() => fitModel('bg_nbd', patterns, 'day'), 3);
  const bothTime = warmMs(() => fitFromLog('bg_nbd', shop.log, shop.endDay), 3);
  const fit = fitModel('bg_nbd', patterns, 'day');
  console.log(
    `true:      r=${truth.r.toFixed(4)} alpha=${truth.alpha.toFixed(4)}/day a=${truth.a.toFixed(4)} b=${truth.b.toFixed(4)}`,
  );
  console.log(`recovered from the day log:   ${describeFit(fit)}`);
  const exact = fitModel('bg_nbd', compressPatterns(shop.exact), 'day');
  console.log(`recovered from exact times:  ${describeFit(exact)}`);
  console.log(
    '(the day log merges purchases on one day and rounds t_x and T to whole days: that, not the fit, is the gap)',
  );
  console.log(
    `patterns: ${patterns.size.toLocaleString('en')}; fitted in ${ms(fitTime)}; summarised + fitted in ${ms(bothTime)}`,
  );
  if (!fit.converged) return;
  for (const horizon of [60, 273]) {
    const time = warmMs(() => predictBatch('bg_nbd', fit.params, rfm, horizon));
    const out = predictBatch('bg_nbd', fit.params, rfm, horizon);
    const total = out.expected.reduce((sum, v) => sum + v, 0);
    console.log(
      `P(alive) + expected purchases in ${horizon} days for ${customers.toLocaleString('en')} customers: ${ms(time)} (expected total ${total.toFixed(0)})`,
    );
  }
  console.log(
    `peak RSS of this process (generate, summarise, fit, score): ${peakRssMiB().toFixed(0)} MiB`,
  );
}

benchMillion();
