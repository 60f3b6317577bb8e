import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// config() parses once per module instance: each test imports a fresh one.
async function freshConfig() {
  vi.resetModules();
  return import('../../functions/runtime/config');
}

beforeEach(() => {
  for (const name of [
    'TABLE_NAME',
    'SES_CONFIGURATION_SET',
    'SEND_RATE_PER_SECOND',
    'DEAD_LETTER_QUEUE_URL',
  ])
    vi.stubEnv(name, undefined);
});
afterEach(() => vi.unstubAllEnvs());

describe('config', () => {
  describe('a function without a table', () => {
    it('parses without TABLE_NAME, and required() says how to get it', async () => {
      const { config, required } = await freshConfig();
      expect(config().TABLE_NAME).toBeUndefined();
      expect(() =>
        required('TABLE_NAME', 'add needs.table to this function’s declaration'),
      ).toThrow('TABLE_NAME is not set: add needs.table to this function’s declaration');
    });

    it('hands out a variable that is set', async () => {
      vi.stubEnv('SES_CONFIGURATION_SET', 'thao-moc');
      const { required } = await freshConfig();
      expect(required('SES_CONFIGURATION_SET', 'unused')).toBe('thao-moc');
    });
  });

  describe('the send worker’s variables', () => {
    it('sends 10 a second and forwards to no dead-letter queue when none is set', async () => {
      const { config } = await freshConfig();
      expect(config()).toMatchObject({ SEND_RATE_PER_SECOND: 6 });
      expect(config().DEAD_LETTER_QUEUE_URL).toBeUndefined();
    });

    it('reads the rate the stack sets, and refuses one under 1', async () => {
      vi.stubEnv('SEND_RATE_PER_SECOND', '25');
      expect((await freshConfig()).config().SEND_RATE_PER_SECOND).toBe(25);
      vi.stubEnv('SEND_RATE_PER_SECOND', '0');
      const { config } = await freshConfig();
      expect(() => config()).toThrow(/SEND_RATE_PER_SECOND/);
    });
  });
});
