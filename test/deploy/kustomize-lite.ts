import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Enough of kustomize to render this project's overlays in a test, without the kustomize binary:
 * `resources` (files and directories, recursively), `namespace`, `labels`, `images` (newTag/newName) and
 * `patches` with a `target` selector and inline JSON 6902 operations (replace, add, remove; on lists too).
 */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
};

interface Kustomization {
  namespace?: string;
  resources?: string[];
  labels?: Array<{ pairs: Record<string, string> }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  patches?: Array<{ target: { kind?: string; name?: string }; patch: string }>;
}

export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

export function build(dir: string): Manifest[] {
  const kustomization = readManifests(join(dir, 'kustomization.yaml'))[0] as unknown as Kustomization;
  let manifests = (kustomization.resources ?? []).flatMap((resource) => {
    const path = join(dir, resource);
    return resource.endsWith('.yaml') ? readManifests(path) : build(path);
  });
  for (const { target, patch } of kustomization.patches ?? []) {
    const operations = readYamlList(patch);
    manifests = manifests.map((m) =>
      (!target.kind || m.kind === target.kind) && (!target.name || m.metadata.name === target.name) ? applyJsonPatch(m, operations) : m,
    );
  }
  for (const image of kustomization.images ?? []) manifests = manifests.map((m) => retag(m, image));
  for (const { pairs } of kustomization.labels ?? [])
    manifests = manifests.map((m) => ({ ...m, metadata: { ...m.metadata, labels: { ...m.metadata.labels, ...pairs } } }));
  if (kustomization.namespace) {
    manifests = manifests.map((m) =>
      m.kind === 'Namespace' ? m : { ...m, metadata: { ...m.metadata, namespace: kustomization.namespace } },
    );
  }
  return manifests;
}

function readYamlList(text: string): Array<{ op: string; path: string; value?: unknown }> {
  return parseAllDocuments(text)[0].toJS() as Array<{ op: string; path: string; value?: unknown }>;
}

function applyJsonPatch(manifest: Manifest, operations: Array<{ op: string; path: string; value?: unknown }>): Manifest {
  const copy = structuredClone(manifest);
  for (const { op, path, value } of operations) {
    const keys = path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = keys.pop()!;
    let node = copy as Record<string, unknown>;
    for (const key of keys) {
      if (node[key] === undefined) throw new Error(`${manifest.kind}/${manifest.metadata.name}: no ${path}`);
      node = node[key] as Record<string, unknown>;
    }
    if (Array.isArray(node)) {
      // RFC 6902 on a list: `-` appends, an index inserts (add), replaces or removes at that position
      const index = last === '-' ? node.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > node.length || (op !== 'add' && index >= node.length))
        throw new Error(`${manifest.kind}/${manifest.metadata.name}: no position ${last} in ${path}`);
      if (op === 'add') node.splice(index, 0, structuredClone(value));
      else if (op === 'replace') node[index] = structuredClone(value);
      else if (op === 'remove') node.splice(index, 1);
      continue;
    }
    if (op === 'replace' && !(last in node)) throw new Error(`${manifest.kind}/${manifest.metadata.name}: cannot replace missing ${path}`);
    if (op === 'remove') delete node[last];
    else node[last] = structuredClone(value);
  }
  return copy;
}

function retag(manifest: Manifest, image: { name: string; newName?: string; newTag?: string }): Manifest {
  const text = JSON.stringify(manifest).replace(
    new RegExp(`"${image.name}(:[^"]*)?"`, 'g'),
    (_, tag: string | undefined) => `"${image.newName ?? image.name}:${image.newTag ?? (tag ?? ':latest').slice(1)}"`,
  );
  return JSON.parse(text) as Manifest;
}

export const kustomizeDir = (...parts: string[]): string => join(__dirname, '..', '..', 'deploy', 'k8s', ...parts);
export const baseDir = (file: string): string => dirname(file);
