type Truthy<T> = Exclude<T, undefined | null | false | 0 | ''>;

/** Polls `probe` until it returns a truthy value, instead of sleeping and hoping. */
export async function waitFor<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 30000, everyMs = 100): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Truthy<T>;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
