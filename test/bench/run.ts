import { benchBroadcast } from './broadcast';
import { benchExport } from './export';
import { benchLapse } from './lapse';
import { benchPlanner } from './planner';
import { benchSend } from './send';
import { benchStore } from './store';

/** `npm run bench <name> [args]`: benchmarks print figures; they are not pass/fail tests. */
const benchmarks: Record<string, (args: readonly string[]) => Promise<void>> = {
  store: benchStore,
  export: benchExport,
  lapse: benchLapse,
  send: benchSend,
  broadcast: benchBroadcast,
  planner: benchPlanner,
};

const [name, ...args] = process.argv.slice(2);
const benchmark = name === undefined ? undefined : benchmarks[name];
if (benchmark === undefined) {
  console.error(`Usage: npm run bench <${Object.keys(benchmarks).join('|')}> [args]`);
  process.exit(2);
}
await benchmark(args);
