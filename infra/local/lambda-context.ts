import type { Context } from 'aws-lambda';

export interface LambdaContextInput {
  readonly functionName: string;
  readonly awsRequestId: string;
  readonly timeoutMs: number;
  readonly memoryLimitInMB?: number;
}

function unsupported(name: string): never {
  // The Node.js 24 runtime dropped the callback-era context methods; fail as loudly as AWS.
  throw new Error(`context.${name}() is not available on the Node.js 24 Lambda runtime.`);
}

/** A Lambda `Context` as the Node.js runtime passes it, with a running deadline. */
export function createLambdaContext(input: LambdaContextInput): Context {
  const deadline = Date.now() + input.timeoutMs;
  const { functionName } = input;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(input.memoryLimitInMB ?? 1024),
    awsRequestId: input.awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => unsupported('done'),
    fail: () => unsupported('fail'),
    succeed: () => unsupported('succeed'),
  };
}
