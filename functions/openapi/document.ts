import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import packageJson from '../../package.json' with { type: 'json' };
import { routes, type RouteDefinition } from '../routes';
import { documentNormalizedText, registerComponentSchemas } from './components';
import { operations, type OperationDoc } from './operations';
import { problemResponses, type ProblemStatus } from './problems';
import { PHONE_NOTE } from './schemas';

const description = [
  "The shop owner's API of Regulars: the shop's own customer file, orders and consent records.",
  'Owner operations need the bearer token (a JWT) of the shop owner.',
  'Unknown body fields and query parameters are refused (400).',
  'Every error is an RFC 9457 problem (`application/problem+json`).',
  PHONE_NOTE,
].join('\n\n');

/** The statuses every operation of this kind can answer, besides its own `problems`. */
function problemStatuses(route: RouteDefinition, doc: OperationDoc): ProblemStatus[] {
  const readsInput = [doc.path, doc.query, doc.headers, doc.body].some(
    (part) => part !== undefined,
  );
  const statuses: ProblemStatus[] = [
    ...(readsInput ? [400 as const] : []),
    ...(route.auth === 'owner' ? [401 as const] : []),
    ...(doc.problems ?? []),
    ...(doc.body === undefined ? [] : [413 as const, 415 as const]),
    500,
  ];
  return statuses.sort((a, b) => a - b);
}

/** `200`, `404`…: the keys a responses object takes. */
const statusKey = (status: number | string) => `${status}` as `${2 | 4 | 5}${string}`;

function responses(route: RouteDefinition, doc: OperationDoc): ZodOpenApiResponsesObject {
  const answers: ZodOpenApiResponsesObject = {};
  for (const [status, success] of Object.entries(doc.success)) {
    answers[statusKey(status)] = {
      description: success.description,
      ...(success.headers && { headers: success.headers }),
      ...(success.schema && {
        content: { [success.contentType ?? 'application/json']: { schema: success.schema } },
      }),
    };
  }
  for (const status of problemStatuses(route, doc))
    answers[statusKey(status)] =
      status === 404 && doc.notFound ? doc.notFound : problemResponses[status];
  return answers;
}

function operation(route: RouteDefinition, doc: OperationDoc): ZodOpenApiOperationObject {
  const params = { path: doc.path, query: doc.query, header: doc.headers };
  const requestParams = Object.fromEntries(Object.entries(params).filter(([, schema]) => schema));
  const hasParams = Object.keys(requestParams).length > 0;
  return {
    operationId: route.name,
    summary: doc.summary,
    ...(doc.description && { description: doc.description }),
    tags: [doc.tag],
    ...(route.auth === 'owner' && { security: [{ bearerAuth: [] }] }),
    ...(hasParams && { requestParams }),
    ...(doc.body && {
      requestBody: {
        required: true,
        content: {
          [doc.body.contentType ?? 'application/json']: {
            schema: doc.body.schema,
            example: doc.body.example,
          },
        },
      },
    }),
    responses: responses(route, doc),
  };
}

function documentedOperation(route: RouteDefinition): OperationDoc {
  const doc = operations[route.name];
  if (doc === undefined) {
    throw new Error(
      `Route ${route.method} ${route.path} (${route.name}) has no entry in functions/openapi/operations.ts`,
    );
  }
  return doc;
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the routes and the zod schemas the
 * handlers parse with. Throws when a route is not documented, so a new route cannot be forgotten,
 * or when a documented operation has no route any more.
 */
export function buildOpenApiDocument(routeList: readonly RouteDefinition[] = routes) {
  const stale = Object.keys(operations).filter(
    (name) => !routeList.some((route) => route.name === name),
  );
  if (stale.length > 0)
    throw new Error(`Documented operations without a route: ${stale.join(', ')}`);
  registerComponentSchemas();
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routeList) {
    const doc = documentedOperation(route);
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operation(route, doc),
    };
  }
  return createDocument(
    {
      openapi: '3.1.1',
      info: { title: 'Regulars owner API', version: packageJson.version, description },
      paths,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: "The shop owner's access token.",
          },
        },
      },
    },
    { override: documentNormalizedText },
  );
}
