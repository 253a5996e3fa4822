import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';

export interface RoutePolicy {
  controller: string;
  handler: string;
  method: string;
  path: string;
  /** `undefined`: the route declares none, and the guard refuses every call to it. */
  policy?: AccessPolicy;
}

/**
 * Every HTTP route of a module tree with the policy it declares, read from the decorators alone (nothing is
 * instantiated): the table docs/api.md describes, and what the test that wants a policy on every route reads.
 */
export function routePoliciesOf(module: DynamicModule | Type<unknown>): RoutePolicy[] {
  return controllersOf(module).flatMap((controller) => {
    const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    const classPolicy = Reflect.getMetadata(ACCESS_POLICY, controller) as AccessPolicy | undefined;
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') return [];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) return [];
      const policy = (Reflect.getMetadata(ACCESS_POLICY, handler) as AccessPolicy | undefined) ?? classPolicy;
      return pathsOf(Reflect.getMetadata(PATH_METADATA, handler)).flatMap((path) =>
        base.map((prefix) => ({
          controller: controller.name,
          handler: name,
          method: RequestMethod[method],
          path: `/${[prefix, path].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/'),
          policy,
        })),
      );
    });
  });
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

function controllersOf(root: DynamicModule | Type<unknown>, seen = new Set<unknown>()): Type<unknown>[] {
  const module: DynamicModule = 'module' in root ? root : { module: root };
  if (seen.has(root)) return [];
  seen.add(root);
  const staticControllers = (Reflect.getMetadata('controllers', module.module) as Type<unknown>[] | undefined) ?? [];
  const staticImports = (Reflect.getMetadata('imports', module.module) as Array<DynamicModule | Type<unknown>> | undefined) ?? [];
  const imports = [...staticImports, ...(module.imports ?? [])].filter(
    (item): item is DynamicModule | Type<unknown> => !!item && (typeof item === 'function' || 'module' in (item as object)),
  );
  return [...staticControllers, ...(module.controllers ?? []), ...imports.flatMap((item) => controllersOf(item, seen))];
}
