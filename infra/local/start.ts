import { resolve } from 'node:path';
import { DynamoDbLocalInUseError } from './dynamodb-local-state';
import { JavaNotAvailableError } from './java';
import { startLocalStack, type LocalStack } from './local-stack';

// `npm start`: the whole product on this machine, no AWS account needed.

function requestedPort(): { port: number; fallbackToFreePort: boolean } {
  const fromEnv = process.env.PORT;
  if (fromEnv === undefined || fromEnv === '') return { port: 3000, fallbackToFreePort: true };
  const port = Number(fromEnv);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${fromEnv}".`);
  }
  // A port asked for explicitly is not silently replaced.
  return { port, fallbackToFreePort: false };
}

function printWelcome(stack: LocalStack): void {
  const lines = [
    '',
    'Regulars is running locally.',
    '',
    `  API:          ${stack.url}`,
    `  DynamoDB:     ${stack.dynamoEndpoint} (table ${stack.tableName}, data in .regulars/dynamodb)`,
    `  Email inbox:  ${stack.emailInboxUrl} (aws-ses-v2-local; emails are kept until you stop)`,
    `  SMS outbox:   ${stack.smsOutboxUrl} (file ${stack.smsOutboxFile})`,
    '  Owner token:  (valid 30 days; a new one is printed at every start)',
    '',
    `    ${stack.ownerToken}`,
    '',
    'Try it:',
    '',
    `  export URL=${stack.url}`,
    `  export TOKEN=${stack.ownerToken}`,
    '  curl -H "Authorization: Bearer $TOKEN" $URL/customers',
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function main(): Promise<void> {
  // Filled in once start-up finishes; the signal handlers need it before that.
  const running: { stack?: LocalStack } = {};
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A second Ctrl-C, or one before start-up finishes: leave now; the exit hook in
    // dynamodb-local.ts still kills the Java process.
    const { stack } = running;
    if (stopping) process.exit(130);
    if (!stack) process.exit(0);
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the API, the email inbox and DynamoDB Local...\n`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Could not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const stack = await startLocalStack({
    stateDir: resolve('.regulars'),
    ...requestedPort(),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  running.stack = stack;
  printWelcome(stack);
  await stack.crashed;
  process.stderr.write('Regulars stopped because DynamoDB Local is gone. Run `npm start` again.\n');
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof JavaNotAvailableError || error instanceof DynamoDbLocalInUseError) {
    process.stderr.write(`\nCannot start Regulars locally.\n${error.message}\n`);
  } else {
    process.stderr.write(
      `\nCannot start Regulars locally: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
