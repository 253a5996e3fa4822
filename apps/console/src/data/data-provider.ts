// react-admin's DataProvider over the services' REST APIs: each resource is answered by the area that owns it
// (data/resources.ts), paged on the server with `limit` and `offset`. A method no area offers is refused.
import type { DataProvider } from 'react-admin';
import type { ConsoleConfig } from '../config';
import { programmesResources } from '../programmes/programmes-resources';
import { claimsResources } from '../claims/claims-resources';
import { payoutsResources } from '../payouts/payouts-resources';
import { workerImportsResources } from '../worker-imports/worker-imports-resources';
import { workersResources } from '../workers/workers-resources';
import type { TokenSource } from './http';
import type { ResourceArea, ResourceHandler } from './resources';

/** Every area of the console; an area's resource names are its own. */
const AREAS: ResourceArea[] = [workersResources, workerImportsResources, programmesResources, claimsResources, payoutsResources];

export function createDataProvider(config: ConsoleConfig, token: TokenSource): DataProvider {
  const handlers = new Map<string, ResourceHandler>(AREAS.flatMap((area) => Object.entries(area({ apis: config.apis, token }))));
  function handlerOf<M extends keyof ResourceHandler>(resource: string, method: M): NonNullable<ResourceHandler[M]> {
    const handler = handlers.get(resource)?.[method];
    if (!handler) throw new Error(`the console does not ${method} ${resource}`);
    return handler;
  }
  const refused = (what: string) => () => Promise.reject(new Error(`the console does not ${what}`));

  return {
    getList: (resource, params) => handlerOf(resource, 'getList')(resource, params),
    getOne: (resource, params) => handlerOf(resource, 'getOne')(resource, params),
    getMany: (resource, params) => handlerOf(resource, 'getMany')(resource, params),
    getManyReference: (resource, params) => handlerOf(resource, 'getManyReference')(resource, params),
    create: (resource, params) => handlerOf(resource, 'create')(resource, params),
    update: (resource, params) => handlerOf(resource, 'update')(resource, params),
    updateMany: refused('change several records at once'),
    delete: refused('delete records'),
    deleteMany: refused('delete records'),
  };
}
