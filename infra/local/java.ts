import { execFile } from 'node:child_process';

/** DynamoDB Local 3.x is built for Java 17; older runtimes fail with a class version error. */
export const minimumJavaMajorVersion = 17;

const installHint = [
  'DynamoDB Local (the local database Regulars stores customers in) runs on Java.',
  `Install a Java runtime, version ${minimumJavaMajorVersion} or newer, and make sure \`java\` is on your PATH:`,
  '  Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless',
  '  Fedora:        sudo dnf install java-17-openjdk-headless',
  '  macOS:         brew install openjdk@17',
  '  Windows:       winget install Microsoft.OpenJDK.17',
].join('\n');

export class JavaNotAvailableError extends Error {
  override readonly name = 'JavaNotAvailableError';
}

/**
 * Reads the major version from `java -version` output. Handles both the modern scheme
 * (`"17.0.15"`, `"21"`) and the legacy one (`"1.8.0_392"` is Java 8).
 */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

function runJavaVersion(javaCommand: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // `java -version` writes to stderr, by long-standing convention.
    execFile(javaCommand, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) reject(error);
      else resolve(`${stderr}\n${stdout}`);
    });
  });
}

/**
 * Checks that a Java runtime new enough for DynamoDB Local is on PATH; throws a
 * {@link JavaNotAvailableError} that says what to install otherwise.
 */
export async function assertJavaAvailable(javaCommand = 'java'): Promise<{ majorVersion: number }> {
  let output: string;
  try {
    output = await runJavaVersion(javaCommand);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing
      ? `\`${javaCommand}\` was not found on your PATH.`
      : `\`${javaCommand} -version\` failed: ${(error as Error).message}`;
    throw new JavaNotAvailableError(`${reason}\n${installHint}`, { cause: error });
  }
  const majorVersion = parseJavaMajorVersion(output);
  if (majorVersion === undefined) {
    throw new JavaNotAvailableError(
      `Could not read the Java version from \`${javaCommand} -version\`:\n${output.trim()}\n${installHint}`,
    );
  }
  if (majorVersion < minimumJavaMajorVersion) {
    throw new JavaNotAvailableError(
      `Found Java ${majorVersion}, but DynamoDB Local needs Java ${minimumJavaMajorVersion} or newer.\n${installHint}`,
    );
  }
  return { majorVersion };
}
