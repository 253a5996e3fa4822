/**
 * How strictly a payload is checked. A producer must send exactly what it declared (`produce`: unknown
 * fields are errors, so a typo never leaves the service); a consumer accepts fields it does not know
 * (`consume`), so a producer can add an optional field without breaking anyone.
 */
export type ValidationMode = 'produce' | 'consume';
