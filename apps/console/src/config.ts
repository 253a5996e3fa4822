// What the server tells the browser at run time (deploy/local/console/serve-console.ts, /config.json): the
// OpenID issuer and client, and where each service's API is. One build serves any platform.
export type ServiceName = 'enrollment' | 'contributions' | 'subsidies' | 'claims';

export interface ConsoleConfig {
  issuer: string;
  clientId: string;
  apis: Record<ServiceName, string>;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<ConsoleConfig>;
  if (!config.issuer || !config.clientId || !config.apis) throw new Error('/config.json lacks issuer, clientId or apis');
  return config as ConsoleConfig;
}
