// The runtime configuration (config.ts), for the screens that call an API outside react-admin's data provider.
import { createContext, useContext } from 'react';
import type { ConsoleConfig } from './config';

export const ConfigContext = createContext<ConsoleConfig | undefined>(undefined);

export function useConsoleConfig(): ConsoleConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useConsoleConfig outside ConfigContext');
  return config;
}
