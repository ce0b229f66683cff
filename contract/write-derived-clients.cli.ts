/** `npm run clients:write`: writes clients/playground/ and clients/readme/ from their sources (contract/derived-clients.ts). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CLIENT_FILE, clientsDirectory } from './client-registry.js';
import { DERIVED_MANIFEST, derivedClients } from './derived-clients.js';

for (const client of derivedClients()) {
  const folder = path.join(clientsDirectory(), client.name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, CLIENT_FILE), `${JSON.stringify({ role: client.role }, null, 2)}\n`);
  await writeFile(path.join(folder, DERIVED_MANIFEST), `${JSON.stringify(client.manifest, null, 2)}\n`);
  console.log(`wrote ${folder} (${Object.keys(client.manifest).length} documents, role ${client.role})`);
}
