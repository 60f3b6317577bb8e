import { getParameter } from '@aws-lambda-powertools/parameters/ssm';

/**
 * The API's public base URL from its SSM parameter, read once per instance (the URL never
 * changes for a deployed stack). Imported only in AWS: needs `@aws-sdk/client-ssm`.
 */
export async function readPublicBaseUrl(parameterName: string): Promise<string> {
  const value = await getParameter(parameterName, { maxAge: 24 * 60 * 60 });
  if (typeof value !== 'string' || value === '')
    throw new Error(`The SSM parameter ${parameterName} holds no public base URL`);
  return value;
}
