import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per function. Request and response bodies are never logged: they hold customers'
 * phones and emails, which must not end up in CloudWatch.
 */
export const logger = new Logger({ serviceName: 'regulars' });
