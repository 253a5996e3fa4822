import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The manifests as the cluster gets them: rendered by kustomize itself, `kubectl kustomize <dir>` (npm test's
 * setup, deploy/local/ensure-installed.js, makes sure kubectl is there; KUBECTL names another binary).
 */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export function parseManifests(text: string, source: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

export function readManifests(file: string): Manifest[] {
  return parseManifests(readFileSync(file, 'utf8'), file);
}

/** `kubectl kustomize <dir>`: the manifests `kubectl apply -k <dir>` would send. */
export function render(dir: string): Manifest[] {
  let output: string;
  try {
    output = execFileSync(KUBECTL, ['kustomize', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    if (code === 'ENOENT') {
      throw new Error(`${KUBECTL} not found: npm test installs it (deploy/local/ensure-installed.js), or set KUBECTL`, { cause: error });
    }
    throw new Error(`${KUBECTL} kustomize ${dir} failed: ${stderr ?? String(error)}`, { cause: error });
  }
  return parseManifests(output, `${KUBECTL} kustomize ${dir}`);
}

export const kustomizeDir = (...parts: string[]): string => join(__dirname, '..', '..', 'deploy', 'k8s', ...parts);
