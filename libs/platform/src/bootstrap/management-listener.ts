import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';

const managementRequests = new WeakSet<IncomingMessage>();

/** Whether a request came in on the management listener rather than the public port. */
export function isManagementRequest(request: IncomingMessage): boolean {
  return managementRequests.has(request);
}

/**
 * Nest's Express adapter with a second HTTP listener, the management listener: the same Express app (so the
 * same middleware: request context, helmet's headers, metrics, the problem details filter) behind a second
 * port, whose requests are marked so that `managementRoutes` lets only /health, /metrics and /docs through.
 * It is closed with the app (`app.close()`, SIGTERM), as the public server is.
 */
export class ManagedExpressAdapter extends ExpressAdapter {
  private managementServer?: Server;

  async listenManagement(port: number, host: string): Promise<AddressInfo> {
    const app = this.getInstance<(request: IncomingMessage, response: unknown) => void>();
    const server = createServer((request, response) => {
      managementRequests.add(request);
      app(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.managementServer = server;
    return server.address() as AddressInfo;
  }

  /** Where the management listener listens; undefined when there is none. */
  managementAddress(): AddressInfo | undefined {
    return (this.managementServer?.address() as AddressInfo | null) ?? undefined;
  }

  override async close(): Promise<void> {
    const server = this.managementServer;
    this.managementServer = undefined;
    await Promise.all([super.close(), server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined]);
  }
}

/** The management listener's address of an app started by `bootstrapHttpService`; undefined without one. */
export function managementAddress(app: INestApplication): AddressInfo | undefined {
  const adapter = app.getHttpAdapter();
  return adapter instanceof ManagedExpressAdapter ? adapter.managementAddress() : undefined;
}
