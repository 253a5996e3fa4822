/** Injection token of the service's Clock: `@Inject(CLOCK) clock: Clock`. Never call `new Date()` for business time. */
export const CLOCK = 'CLOCK';
