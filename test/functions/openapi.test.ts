import { validate, compileErrors } from '@readme/openapi-parser';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildOpenApiDocument } from '../../functions/openapi/document';
import * as examples from '../../functions/openapi/examples';
import { problemResponses } from '../../functions/openapi/problems';
import {
  CustomerInput,
  CustomerPageSchema,
  CustomerPatch,
  CustomerViewSchema,
  ExportStatusSchema,
  LapseViewSchema,
  ProblemDetailsSchema,
  RecordOrderResultSchema,
} from '../../functions/openapi/schemas';
import { handler } from '../../functions/public/openapi-document';
import { routes, type RouteDefinition } from '../../functions/routes';
import { ConsentEvent, ConsentEventInput } from '../../shared/core/consent';
import { Customer, CustomerRecord } from '../../shared/core/customer';
import { CustomerLapse } from '../../shared/core/customer-lapse';
import { historyFromAggregates } from '../../shared/core/lapse/customer-history';
import { explainLapse } from '../../shared/core/lapse/explain-lapse';
import { LapseAssessment } from '../../shared/core/lapse/lapse-assessment';
import { LapsePolicy, defaultLapsePolicy } from '../../shared/core/lapse/lapse-policy';
import { Order, OrderInput } from '../../shared/core/order';
import { ShopSettings, ShopSettingsPatch } from '../../shared/core/settings';

type Json = Record<string, unknown>;

const document = buildOpenApiDocument();

/** The object a local `$ref` (`#/components/...`) points at, or the object itself. */
function resolve(node: unknown): Json {
  const ref = (node as { $ref?: string }).$ref;
  if (ref === undefined) return node as Json;
  return ref
    .slice(2)
    .split('/')
    .reduce<Json>((parent, key) => parent[key] as Json, document as unknown as Json);
}

function operationOf(route: RouteDefinition): Json {
  const pathItem = document.paths?.[route.path] as Json | undefined;
  return pathItem?.[route.method.toLowerCase()] as Json;
}

const responsesOf = (route: RouteDefinition) => operationOf(route).responses as Json;

describe('OpenAPI document', () => {
  describe('validity', () => {
    it('passes OpenAPI 3.1 validation when built from the routes', async () => {
      // As served: the JSON text, parsed (validate also dereferences what it is given, in place).
      const result = await validate(JSON.parse(JSON.stringify(document)));
      expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    });

    it('declares OpenAPI 3.1 and names the API', () => {
      expect(document.openapi.startsWith('3.1')).toBe(true);
      expect(document.info.title).toBe('Regulars owner API');
    });
  });

  describe('operations', () => {
    it.each(routes)('documents $method $path as $name', (route) => {
      expect(operationOf(route)).toMatchObject({ operationId: route.name });
    });

    it('throws when a route has no documented operation', () => {
      const newRoute: RouteDefinition = {
        method: 'GET',
        path: '/segments',
        handler: 'owner-api/segments.ts',
        auth: 'owner',
        name: 'listSegments',
        needs: {},
      };
      expect(() => buildOpenApiDocument([...routes, newRoute])).toThrow(/listSegments/);
    });

    it('throws when a documented operation has no route', () => {
      expect(() =>
        buildOpenApiDocument(routes.filter((route) => route.name !== 'getCustomer')),
      ).toThrow(/getCustomer/);
    });
  });

  describe('security', () => {
    const owner = routes.filter((route) => route.auth === 'owner');
    const open = routes.filter((route) => route.auth === 'public');

    it('defines bearerAuth as an HTTP bearer JWT scheme', () => {
      expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
    });

    it.each(owner)(
      'requires bearerAuth and documents 401 when $name is an owner route',
      (route) => {
        expect(operationOf(route).security).toEqual([{ bearerAuth: [] }]);
        expect(responsesOf(route)).toHaveProperty('401');
      },
    );

    it.each(open)('asks for no token when $name is a public route', (route) => {
      expect(operationOf(route).security).toBeUndefined();
      expect(document.security).toBeUndefined();
      expect(responsesOf(route)).not.toHaveProperty('401');
    });
  });

  describe('request bodies', () => {
    const createCustomer = routes.find(
      (route) => route.name === 'createCustomer',
    ) as RouteDefinition;
    const bodySchema = () => {
      const body = resolve(operationOf(createCustomer).requestBody);
      return resolve((body.content as Record<string, Json>)['application/json']?.schema);
    };

    it('rejects unknown properties in POST /customers', () => {
      expect(bodySchema().additionalProperties).toBe(false);
    });

    it('names phone and email in POST /customers and requires one of them', () => {
      expect(Object.keys(bodySchema().properties as Json)).toEqual(
        expect.arrayContaining(['phone', 'email']),
      );
      expect(bodySchema().anyOf).toEqual([{ required: ['phone'] }, { required: ['email'] }]);
    });

    it('tells that phones are read in the shop region and returned as E.164', () => {
      expect(bodySchema().description).toMatch(/default phone region.*E\.164/s);
    });
  });

  describe('problem responses', () => {
    const problems = routes.flatMap((route) =>
      Object.entries(responsesOf(route))
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({ name: route.name, status, response: resolve(response) })),
    );

    it.each(problems)('answers $status of $name as application/problem+json', ({ response }) => {
      const content = response.content as Record<string, Json>;
      expect(resolve(content['application/problem+json']?.schema)).toBe(
        document.components?.schemas?.ProblemDetails,
      );
    });

    it("answers getMessage's 404 as No such message, and a customer's as No such customer", () => {
      const route = (name: string) =>
        routes.find((candidate) => candidate.name === name) as RouteDefinition;
      const notFound = (name: string) => {
        const response = resolve(responsesOf(route(name))['404']);
        const content = response.content as Record<string, { examples: Record<string, Json> }>;
        const [example] = Object.values(content['application/problem+json']?.examples ?? {});
        return { description: response.description, value: example?.value as Json };
      };
      expect(notFound('getMessage')).toMatchObject({
        description: expect.stringMatching(/^No such message/),
        value: { type: '/problems/message-not-found', title: 'No such message', status: 404 },
      });
      expect(notFound('getCustomer').value).toMatchObject({ title: 'No such customer' });
    });

    it('describes the problem members, including errors with field and message', () => {
      const schema = document.components?.schemas?.ProblemDetails as Json;
      expect(Object.keys(schema.properties as Json)).toEqual(
        expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'errors']),
      );
    });
  });

  describe('messages', () => {
    const listMessages = routes.find((route) => route.name === 'listMessages') as RouteDefinition;

    it('lists unknown messages with a required status and a limit of 1 to 100, default 50', () => {
      const parameters = operationOf(listMessages).parameters as Json[];
      const byName = Object.fromEntries(parameters.map((p) => [p.name, p]));
      expect(byName.status).toMatchObject({ in: 'query', required: true });
      expect(byName.status?.schema).toMatchObject({ const: 'unknown' });
      expect(byName.limit?.schema).toMatchObject({ minimum: 1, maximum: 100, default: 50 });
    });

    it('answers a page of MessageView with `more`', () => {
      const ok = resolve(responsesOf(listMessages)['200']);
      const schema = resolve((ok.content as Record<string, Json>)['application/json']?.schema);
      expect(schema.required).toEqual(['messages', 'more']);
      const messages = (schema.properties as Record<string, Json>).messages as Json;
      expect(messages.items).toEqual({ $ref: '#/components/schemas/MessageView' });
    });
  });

  describe('lapse', () => {
    const schemas = () => document.components?.schemas as Record<string, Json>;
    const route = (name: string) =>
      routes.find((candidate) => candidate.name === name) as RouteDefinition;
    const okSchema = (name: string) => {
      const ok = resolve(responsesOf(route(name))['200']);
      return resolve((ok.content as Record<string, Json>)['application/json']?.schema);
    };

    it("answers getCustomer's 200 with the whole record and a nullable lapse view", () => {
      const schema = okSchema('getCustomer');
      expect(Object.keys(schema.properties as Json)).toEqual([
        ...Object.keys(CustomerRecord.shape),
        'lapse',
      ]);
      expect(schema.required).toContain('lapse');
      expect((schema.properties as Record<string, Json>).lapse).toMatchObject({
        anyOf: [{ $ref: '#/components/schemas/LapseView' }, { type: 'null' }],
      });
    });

    it('describes every field of the lapse assessment and the explanation in LapseView', () => {
      const properties = schemas().LapseView?.properties as Record<string, Json>;
      expect(Object.keys(properties)).toEqual([
        ...Object.keys(LapseAssessment.shape),
        'explanation',
      ]);
      expect(Object.keys(properties.explanation?.properties as Json)).toEqual(['vi', 'en']);
    });

    it('stores the lapse on the customer profile as a nullable CustomerLapse', () => {
      expect((schemas().Customer?.properties as Record<string, Json>).lapse).toMatchObject({
        anyOf: [{ $ref: '#/components/schemas/CustomerLapse' }, { type: 'null' }],
      });
    });

    it.each(['getSettings', 'updateSettings'])(
      'shows lapsePolicy as a LapsePolicy in the settings %s answers',
      (name) => {
        const properties = okSchema(name).properties as Record<string, Json>;
        expect(properties.lapsePolicy?.$ref).toBe('#/components/schemas/LapsePolicy');
      },
    );

    it('takes lapsePolicy as a LapsePolicy in the settings PATCH body', () => {
      const body = resolve(operationOf(route('updateSettings')).requestBody);
      const schema = resolve((body.content as Record<string, Json>)['application/json']?.schema);
      const properties = schema.properties as Record<string, Json>;
      expect(properties.lapsePolicy?.$ref).toBe('#/components/schemas/LapsePolicy');
    });

    it('tells the owner what each lapse policy kind means and which is the default', () => {
      const policy = schemas().LapsePolicy as Json;
      for (const kind of ['fixed_window', 'own_cadence', 'bg_nbd', 'mbg_nbd'])
        expect(policy.description).toContain(`\`${kind}\``);
      expect(policy.description).toMatch(/default is `mbg_nbd`/);
      expect(Object.keys((policy.discriminator as { mapping: Json }).mapping)).toEqual([
        'fixed_window',
        'own_cadence',
        'bg_nbd',
        'mbg_nbd',
      ]);
    });

    it.each(['BgNbdLapsePolicy', 'MbgNbdLapsePolicy'])(
      'keeps a probability threshold below 1 in %s, as the core does',
      (id) => {
        expect(schemas()[id]?.then).toEqual({ properties: { threshold: { exclusiveMaximum: 1 } } });
        const kind = id === 'BgNbdLapsePolicy' ? 'bg_nbd' : 'mbg_nbd';
        expect(LapsePolicy.safeParse({ ...defaultLapsePolicy, kind, threshold: 1 }).success).toBe(
          false,
        );
      },
    );
  });

  describe('examples', () => {
    const answered: [string, z.ZodType, unknown][] = [
      ['Customer', Customer, examples.customer],
      // GET /customers/{customerId} answers the record with its lapse: CustomerRecord and `lapse`.
      ['CustomerView', CustomerViewSchema, examples.customerView],
      ['CustomerLapse', CustomerLapse, examples.customer.lapse],
      ['LapseView', LapseViewSchema, examples.customerLapseView],
      ['LapsePolicy', LapsePolicy, examples.lapsePolicy],
      ['CustomerPage', CustomerPageSchema, examples.customerPage],
      ['Order', Order, examples.order],
      ['RecordOrderResult', RecordOrderResultSchema, examples.recordOrderResult],
      ['ConsentEvent', ConsentEvent, examples.consentEvent],
      ['ShopSettings', ShopSettings, examples.shopSettings],
      ['ExportStatus', ExportStatusSchema, examples.exportDone],
    ];

    it.each(answered)('shows a %s example its own schema accepts', (id, schema, example) => {
      expect(schema.safeParse(example).error).toBeUndefined();
      expect((document.components?.schemas?.[id] as Json).examples).toEqual([example]);
    });

    const sent: [string, z.ZodType, unknown][] = [
      ['createCustomer', CustomerInput, examples.customerInput],
      ['updateCustomer', CustomerPatch, examples.customerPatch],
      ['recordOrder', OrderInput, examples.orderInput],
      ['recordConsent', ConsentEventInput, examples.consentInput],
      ['updateSettings', ShopSettingsPatch, examples.settingsPatch],
    ];

    it.each(sent)('shows a %s body example its handler accepts', (name, schema, example) => {
      expect(schema.safeParse(example).error).toBeUndefined();
      const route = routes.find((candidate) => candidate.name === name) as RouteDefinition;
      const body = operationOf(route).requestBody as { content: Record<string, Json> };
      expect(body.content['application/json']?.example).toEqual(example);
    });

    it('shows the lapse explanation explainLapse writes for the example figures', () => {
      const view = examples.customerLapseView;
      const history = historyFromAggregates(examples.customer.aggregates);
      expect(view).not.toBeNull();
      expect(history).not.toBeNull();
      if (view === null || history === null) return;
      const { explanation, ...assessment } = view;
      expect(explanation).toEqual({
        vi: explainLapse(assessment, history, examples.lapseAsOf, 'vi'),
        en: explainLapse(assessment, history, examples.lapseAsOf, 'en'),
      });
      expect(explanation.vi).toBe(
        'Thường mua cách nhau ~53 ngày; lần mua gần nhất cách đây 22 ngày; ' +
          'đến hạn sau ~159 ngày không mua; mô hình của shop chưa được tính, nên tạm theo nhịp mua; đến hạn vào 1/5/2027.',
      );
    });

    it("shows a lapse view that agrees with the example customer's stored lapse", () => {
      expect(examples.lapsePolicy).toEqual(defaultLapsePolicy);
      expect(examples.customerView.lapse).toBe(examples.customerLapseView);
      expect(examples.customerLapseView).toMatchObject({
        asOf: examples.lapseAsOf,
        ...examples.customer.lapse,
      });
    });

    it('reads the example phone "0912 345 678" as +84912345678', () => {
      expect(CustomerInput.parse(examples.customerInput).phone).toBe('+84912345678');
      expect(examples.customer.name).toBe('Nguyễn Thị Hoa'.normalize('NFC'));
    });

    it.each(Object.entries(problemResponses))(
      'shows %s problems the ProblemDetails schema accepts',
      (_, response) => {
        const shownExamples = Object.values(
          response.content?.['application/problem+json']?.examples ?? {},
        );
        expect(shownExamples.length).toBeGreaterThan(0);
        for (const example of shownExamples)
          expect(
            ProblemDetailsSchema.safeParse((example as { value: unknown }).value).success,
          ).toBe(true);
      },
    );
  });
});

describe('openApiDocument handler', () => {
  const context: Context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'openApiDocument',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:openApiDocument',
    memoryLimitInMB: '256',
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000001',
    logGroupName: '/aws/lambda/openApiDocument',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };

  // A public route's event has no authorizer, which the handler's event type always declares.
  const event = {
    version: '2.0',
    routeKey: 'GET /openapi.json',
    rawPath: '/openapi.json',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      http: {
        method: 'GET',
        path: '/openapi.json',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'request-1',
      routeKey: 'GET /openapi.json',
      stage: '$default',
    },
  } as unknown as Parameters<typeof handler>[0];

  describe('a GET /openapi.json request', () => {
    it('answers 200 with the built document when called without a token', async () => {
      const result = await handler(event, context);
      expect(typeof result).toBe('object');
      const { statusCode, body, headers } = result as Exclude<typeof result, string>;
      expect(statusCode).toBe(200);
      expect(headers?.['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(body as string)).toEqual(JSON.parse(JSON.stringify(document)));
    });
  });
});
