// The calls behind each react-admin resource, one module per area of the console (workers/workers-resources.ts,
// and so on): react-admin asks the data provider by resource name, and the area that owns the name answers.
import type { DataProvider } from 'react-admin';
import type { ConsoleConfig } from '../config';
import type { TokenSource } from './http';

export interface ResourceContext {
  apis: ConsoleConfig['apis'];
  token: TokenSource;
}

/** The data-provider methods a resource offers; react-admin's other methods are refused. */
export type ResourceHandler = Partial<Pick<DataProvider, 'getList' | 'getOne' | 'getMany' | 'getManyReference' | 'create' | 'update'>>;

/** An area's resources by name. */
export type ResourceArea = (context: ResourceContext) => Record<string, ResourceHandler>;

/** A page of a list, as every list route answers (docs/api.md). */
export interface Page<T> {
  items: T[];
  total: number;
}

/** react-admin's page and page size as `limit`/`offset`, never above the route's largest page. */
export function pageOf(pagination: { page: number; perPage: number } | undefined, largest: number): { limit: number; offset: number } {
  const perPage = Math.min(pagination?.perPage ?? 25, largest);
  return { limit: perPage, offset: ((pagination?.page ?? 1) - 1) * perPage };
}
