import { call as typedCall, expectStatus, type Answer as TypedAnswer } from '../../deploy/local/http-call';

// The tests read answers as untyped JSON and check their shape with `expect` (see eslint.config.mjs): the
// platform's HTTP call with `any` bodies unless a test names a type.

export type Answer<T = any> = TypedAnswer<T>;

export function call<T = any>(...args: Parameters<typeof typedCall>): Promise<Answer<T>> {
  return typedCall<T>(...args);
}

export { expectStatus };
