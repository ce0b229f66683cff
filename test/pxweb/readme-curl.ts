import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A curl command of the README, as the request it makes. */
export interface CurlExample {
  command: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | undefined;
}

const quoted = (text: string) => [...text.matchAll(/'([^']*)'/g)].map((m) => m[1] as string);

/**
 * The curl commands of the README's `sh` blocks that call the PxWeb face (`/api/v2/`), one per command (a
 * backslash-continued line joined), with their URL, `-H` headers and `-d` body.
 */
export function readmePxwebCurls(): CurlExample[] {
  const readme = readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const commands = blocks.flatMap((b) =>
    b
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((l) => l.startsWith('curl ') && l.includes('/api/v2/')),
  );
  return commands.map((command) => {
    const urlText = quoted(command)[0] as string;
    const headers: Record<string, string> = {};
    for (const m of command.matchAll(/-H '([^:']+):\s*([^']*)'/g)) headers[(m[1] as string).toLowerCase()] = m[2] as string;
    const body = /-d '([^']*)'/.exec(command)?.[1];
    return { command, url: urlText, method: body === undefined ? 'GET' : 'POST', headers, body };
  });
}
