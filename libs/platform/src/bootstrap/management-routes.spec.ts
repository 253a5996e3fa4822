import { routeAudience } from './management-routes';

describe('routeAudience', () => {
  it.each(['/health', '/health/ready', '/health/live', '/HEALTH/', '/health?full=1'])('%s is a probe, on both listeners', (url) => {
    expect(routeAudience(url)).toBe('probe');
  });

  it.each([
    '/metrics',
    '/docs',
    '/docs/',
    '/docs/swagger-ui-init.js',
    '/docs-json',
    '/docs-yaml',
    // Express routes without regard to case or a trailing slash, a static file server decodes: no way round
    '/METRICS',
    '/metrics/',
    '//metrics',
    '/%6detrics',
    '/Docs-JSON?x=1',
  ])('%s is for operators', (url) => {
    expect(routeAudience(url)).toBe('operator');
  });

  it.each(['/', '/v1/workers', '/metrics-and-more', '/docsx', '/healthy', '/v1/docs', '/%E0%A4%A'])('%s is the API', (url) => {
    expect(routeAudience(url)).toBe('api');
  });
});
