import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVELOPMENT_CLIENTS, DEVELOPMENT_USERS } from '../deploy/local/oidc/development-identities';

// The README's "Signing in" lists the development provider's clients and users: it must say what the provider
// really holds, or the first `curl` a newcomer copies fails.
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Signing in'), readme.indexOf('## Working on one service'));
const clientsTable = section.slice(section.indexOf('| client id'), section.indexOf('| user'));
const usersTable = section.slice(section.indexOf('| user'));

describe("the README's Signing in", () => {
  it.each(DEVELOPMENT_CLIENTS.map((client) => [client.clientId, client] as const))(
    'names the client %s, its secret and roles',
    (clientId, client) => {
      const row = clientsTable.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${clientId}\``));
      expect(row).toBeDefined();
      expect(client.clientSecret === `dev-${clientId}-secret`).toBe(true);
      expect(row).toMatch(new RegExp(`\`dev-(${clientId}|<client id>)-secret\``));
      for (const role of client.roles) expect(row).toMatch(new RegExp(`\`${role}\`|the role of the same name`));
      for (const region of client.regions ?? []) expect(row).toContain(`\`${region}\``);
      if (client.channel) expect(row).toContain(`\`${client.channel}\``);
    },
  );

  it.each(DEVELOPMENT_USERS.map((user) => [user.username, user] as const))(
    'names the user %s, its password and roles',
    (username, user) => {
      const row = usersTable.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${username}\``));
      expect(row).toBeDefined();
      expect(user.password === `dev-${username}-pass`).toBe(true);
      expect(row).toMatch(new RegExp(`\`dev-(${username.replace('.', '\\.')}|<user>)-pass\``));
      for (const role of user.roles) expect(row).toMatch(new RegExp(`\`${role}\`|the role of the same name`));
      for (const region of user.regions ?? []) expect(row).toContain(`\`${region}\``);
      if (user.funder) expect(row).toContain(`\`${user.funder}\``);
    },
  );
});
