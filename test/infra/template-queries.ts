import type { Template } from 'aws-cdk-lib/assertions';
import type { RouteDefinition } from '../../functions/routes';

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

interface PolicyProperties {
  readonly Roles: { Ref: string }[];
  readonly PolicyDocument: { Statement: { Action: string | string[] }[] };
}

/** The logical id and properties of the function serving `route` (its description names it). */
export function routeFunction(
  template: Template,
  route: RouteDefinition,
): { id: string; properties: FunctionProperties } {
  const description = `${route.method} ${route.path}`;
  const matches = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, resource]) => (resource as Resource).Properties.Description === description,
  );
  if (matches.length !== 1) {
    throw new Error(`Expected one function for ${description}, found ${matches.length}`);
  }
  const [id, resource] = matches[0] as [string, Resource];
  return { id, properties: resource.Properties as FunctionProperties };
}

/** Every IAM action granted to the role of the function serving `route`. */
export function routeActions(template: Template, route: RouteDefinition): string[] {
  const roleId = routeFunction(template, route).properties.Role?.['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .map((resource) => (resource as Resource).Properties as unknown as PolicyProperties)
    .filter((policy) => policy.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .flatMap((statement) => [statement.Action].flat());
}

/** The environment variable names set on the function serving `route`. */
export function routeVariables(template: Template, route: RouteDefinition): string[] {
  return Object.keys(routeFunction(template, route).properties.Environment?.Variables ?? {});
}

/** The single resource of `type` in the template, with its logical id. */
export function onlyResource(template: Template, type: string): { id: string; resource: Resource } {
  const entries = Object.entries(template.findResources(type));
  if (entries.length !== 1) throw new Error(`Expected one ${type}, found ${entries.length}`);
  const [id, resource] = entries[0] as [string, Resource];
  return { id, resource };
}
