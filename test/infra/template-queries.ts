import type { Template } from 'aws-cdk-lib/assertions';
import type { EventHandlerDefinition } from '../../functions/events';
import type { QueueDefinition } from '../../functions/queues';
import type { RouteDefinition, RouteNeeds } from '../../functions/routes';
import type { ScheduleDefinition } from '../../functions/schedules';
import {
  consumerDescription,
  eventHandlerDescription,
  scheduleDescription,
} from '../../infra/constructs/shop-function';

/** A synthesized resource, as far as these tests look into it. */
export interface Resource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
}

interface FunctionProperties {
  readonly Description?: string;
  readonly Role?: { 'Fn::GetAtt': [string, string] };
  readonly Environment?: { Variables?: Record<string, unknown> };
  readonly [key: string]: unknown;
}

/**
 * One IAM policy statement, with its action and resource lists made lists; `NotResource` only
 * where the statement has one (it then has no `Resource`, which is an empty list here).
 */
export interface Statement {
  readonly Effect: string;
  readonly Action: string[];
  readonly Resource: unknown[];
  readonly NotResource?: unknown[];
}

interface PolicyProperties {
  readonly Roles: { Ref: string }[];
  readonly PolicyDocument: {
    Statement: {
      Effect: string;
      Action: string | string[];
      Resource?: unknown;
      NotResource?: unknown;
    }[];
  };
}

/**
 * A function as functions/routes.ts, functions/queues.ts or functions/schedules.ts declares it,
 * with the description by which its synthesized function is found.
 */
export interface DeclaredFunction {
  readonly name: string;
  readonly description: string;
  readonly needs: RouteNeeds;
  /** As declared; RegularsFunction's default of 10 s when undefined. */
  readonly timeoutSeconds: number | undefined;
}

export function declaredRoute(route: RouteDefinition): DeclaredFunction {
  return {
    name: route.name,
    description: `${route.method} ${route.path}`,
    needs: route.needs,
    timeoutSeconds: route.timeoutSeconds,
  };
}

export function declaredConsumer(queue: QueueDefinition): DeclaredFunction {
  return {
    name: queue.consumer.name,
    description: consumerDescription(queue.name),
    needs: queue.consumer.needs,
    timeoutSeconds: queue.consumer.timeoutSeconds,
  };
}

export function declaredSchedule(schedule: ScheduleDefinition): DeclaredFunction {
  return {
    name: schedule.name,
    description: scheduleDescription(schedule.name),
    needs: schedule.needs,
    timeoutSeconds: schedule.timeoutSeconds,
  };
}

export function declaredEventHandler(handler: EventHandlerDefinition): DeclaredFunction {
  return {
    name: handler.name,
    description: eventHandlerDescription(handler.name),
    needs: handler.needs,
    timeoutSeconds: handler.timeoutSeconds,
  };
}

/** The logical id and properties of the function with this description (each has its own). */
export function describedFunction(
  template: Template,
  description: string,
): { id: string; properties: FunctionProperties } {
  const matches = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, resource]) => (resource as Resource).Properties.Description === description,
  );
  if (matches.length !== 1) {
    throw new Error(`Expected one function for ${description}, found ${matches.length}`);
  }
  const [id, resource] = matches[0] as [string, Resource];
  return { id, properties: resource.Properties as FunctionProperties };
}

/** The logical id and properties of the function serving `route` (its description names it). */
export function routeFunction(
  template: Template,
  route: RouteDefinition,
): { id: string; properties: FunctionProperties } {
  return describedFunction(template, declaredRoute(route).description);
}

/** Every IAM policy statement granted to the role of the function with this description. */
export function functionStatements(template: Template, description: string): Statement[] {
  const roleId = describedFunction(template, description).properties.Role?.['Fn::GetAtt'][0];
  if (roleId === undefined) throw new Error(`The function for ${description} has no role`);
  return roleStatements(template, roleId);
}

/** Every IAM policy statement granted to the role with this logical id. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .map((resource) => (resource as Resource).Properties as unknown as PolicyProperties)
    .filter((policy) => policy.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .map((statement) => ({
      Effect: statement.Effect,
      Action: [statement.Action].flat(),
      Resource: statement.Resource === undefined ? [] : [statement.Resource].flat(),
      ...(statement.NotResource === undefined
        ? {}
        : { NotResource: [statement.NotResource].flat() }),
    }));
}

/** Every IAM action granted to the role of the function with this description. */
export function functionActions(template: Template, description: string): string[] {
  return functionStatements(template, description).flatMap((statement) => statement.Action);
}

/** The environment variable names set on the function with this description. */
export function functionVariables(template: Template, description: string): string[] {
  return Object.keys(
    describedFunction(template, description).properties.Environment?.Variables ?? {},
  );
}

/** The single resource of `type` in the template, with its logical id. */
export function onlyResource(template: Template, type: string): { id: string; resource: Resource } {
  const entries = Object.entries(template.findResources(type));
  if (entries.length !== 1) throw new Error(`Expected one ${type}, found ${entries.length}`);
  const [id, resource] = entries[0] as [string, Resource];
  return { id, resource };
}
