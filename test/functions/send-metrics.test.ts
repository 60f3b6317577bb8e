import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { powertoolsSendMetrics } from '../../functions/runtime/send-metrics';

let written: MockInstance<typeof process.stdout.write>;

beforeEach(() => {
  // As in Lambda: neither switch that silences Powertools Metrics.
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', undefined);
  vi.stubEnv('POWERTOOLS_DEV', undefined);
  written = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  written.mockRestore();
  vi.unstubAllEnvs();
});

const lines = () =>
  written.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Record<string, unknown>);

describe('powertoolsSendMetrics', () => {
  describe('flushing counts', () => {
    it('writes one EMF line per flush, in the Regulars namespace with the service dimension', () => {
      const metrics = powertoolsSendMetrics();
      metrics.count('MessagesSent');
      metrics.count('MessagesSent');
      metrics.count('MessagesUnknown');
      metrics.flush();

      const [line, ...more] = lines();
      expect(more).toEqual([]);
      expect(line).toMatchObject({
        _aws: {
          CloudWatchMetrics: [
            {
              Namespace: 'Regulars',
              Dimensions: [['service']],
              Metrics: expect.arrayContaining([
                { Name: 'MessagesSent', Unit: 'Count' },
                { Name: 'MessagesUnknown', Unit: 'Count' },
              ]),
            },
          ],
        },
        service: 'regulars',
        MessagesSent: 2,
        MessagesUnknown: 1,
      });
    });

    it('starts each flush from zero', () => {
      const metrics = powertoolsSendMetrics();
      metrics.count('MessagesSkipped');
      metrics.flush();
      metrics.count('MessagesSkipped');
      metrics.flush();
      expect(lines().map((line) => line.MessagesSkipped)).toEqual([1, 1]);
    });

    it('writes nothing, not even a warning, when nothing was counted', () => {
      // Powertools writes its own warnings to stderr.
      const warned = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        powertoolsSendMetrics().flush();
        expect(written).not.toHaveBeenCalled();
        expect(warned).not.toHaveBeenCalled();
      } finally {
        warned.mockRestore();
      }
    });
  });

  describe('under npm start', () => {
    it('writes nothing when POWERTOOLS_METRICS_DISABLED is true', () => {
      vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
      const metrics = powertoolsSendMetrics();
      metrics.count('MessagesSent');
      metrics.flush();
      expect(written).not.toHaveBeenCalled();
    });
  });
});
