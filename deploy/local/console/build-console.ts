// Builds the back-office console (apps/console, React on Vite) into dist/console, for `npm start` and the
// console's browser test. Vite runs as a child process: it is an ES module toolchain of its own, and the
// server code here is CommonJS. A build newer than every source of the console (and than the lock file) is
// kept, so a second `npm start` does not wait for it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ConsoleBuild {
  /** the folder of index.html and its assets */
  outDir: string;
  /** false when an up-to-date build was kept */
  built: boolean;
}

export async function buildConsole(repo: string, log: (msg: string) => void = () => undefined): Promise<ConsoleBuild> {
  const source = path.join(repo, 'apps', 'console');
  const outDir = path.join(repo, 'dist', 'console');
  const index = path.join(outDir, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > newestChange(source, path.join(repo, 'package-lock.json'))) {
    return { outDir, built: false };
  }
  log('building the console (vite build)');
  const vite = path.join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', path.join(source, 'vite.config.mts'), '--outDir', outDir, '--emptyOutDir'],
      {
        cwd: source,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    const keep = (chunk: Buffer) => output.push(chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`vite build of the console failed (exit ${code}):\n${output.join('').slice(-4000)}`);
  return { outDir, built: true };
}

/** The latest modification time of a file under the console's sources (or of the extra files). */
function newestChange(folder: string, ...files: string[]): number {
  let newest = Math.max(0, ...files.filter((file) => fs.existsSync(file)).map((file) => fs.statSync(file).mtimeMs));
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
