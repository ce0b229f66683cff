import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from './support/wait-for.js';

/**
 * The server's log goes to standard output in batches (server/observability/logger.ts): a line that starts no batch
 * of its own still comes out while the process lives, and lines still buffered come out when it exits.
 */
const root = path.resolve(import.meta.dirname, '..');
const LOGGER = path.join(root, 'server/observability/logger.ts');

function run(script: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the batched log', () => {
  it('writes a lone line while the process lives', async () => {
    // The process logs one line, then stays alive until it is killed.
    const { child, exited, output } = run(
      `const { createLogger } = await import(${JSON.stringify(LOGGER)}); createLogger('info').info('lone line'); setInterval(() => {}, 1000);`,
    );
    try {
      await waitFor('the lone line on standard output', async () => output().includes('lone line'));
      expect(child.exitCode).toBeNull();
      expect(output()).toContain('"msg":"lone line"');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('writes what is buffered when the process exits', async () => {
    const { exited, output } = run(
      `const { createLogger } = await import(${JSON.stringify(LOGGER)}); const log = createLogger('info'); for (let i = 0; i < 3; i++) log.info('line ' + i); process.exit(3);`,
    );
    expect(await exited).toBe(3);
    for (let i = 0; i < 3; i++) expect(output()).toContain(`"msg":"line ${i}"`);
  });
});
