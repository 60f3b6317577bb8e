import { describe, expect, it } from 'vitest';
import {
  assertJavaAvailable,
  JavaNotAvailableError,
  parseJavaMajorVersion,
} from '../../infra/local/java';

describe('java', () => {
  describe('reading the version', () => {
    it('reads the major version of a modern runtime', () => {
      expect(parseJavaMajorVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
      expect(parseJavaMajorVersion('openjdk version "21" 2023-09-19')).toBe(21);
    });

    it('reads Java 8 from the legacy 1.x scheme', () => {
      expect(parseJavaMajorVersion('java version "1.8.0_392"')).toBe(8);
    });

    it('returns undefined when the output has no version', () => {
      expect(parseJavaMajorVersion('command not found')).toBeUndefined();
    });
  });

  describe('checking the runtime', () => {
    it('accepts the Java on PATH when it is 17 or newer', async () => {
      const { majorVersion } = await assertJavaAvailable();
      expect(majorVersion).toBeGreaterThanOrEqual(17);
    });

    it('tells the user what to install when java is missing', async () => {
      const failure = assertJavaAvailable('/nonexistent/java');
      await expect(failure).rejects.toBeInstanceOf(JavaNotAvailableError);
      await expect(failure).rejects.toThrow(
        /DynamoDB Local[\s\S]*apt-get install openjdk-17-jre-headless/,
      );
    });
  });
});
