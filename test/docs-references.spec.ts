import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

/**
 * Every document the code and the docs point at must be in the repository, so that whoever clones it can
 * follow the reference: the rules in docs/rules.md, the API in docs/api.md, the design in docs/design.md,
 * operations in docs/operations.md. Three checks, each failing with file:line:
 *
 * (a) no relative path climbs out of the repository (the documents used to live in a sibling folder,
 *     reached with `..`; a relative import of a `shared` folder inside the repository is fine);
 * (b) a path-like mention of a Markdown or YAML document, and a relative Markdown link, names a file that
 *     exists (a link to a heading, `rules.md#heirs`, also needs that heading);
 * (c) the three upper-case document names of that outside folder are not cited bare: they no longer exist.
 */
const REPO = join(__dirname, '..');

/** Generated, installed or local-only folders: not the project's own text. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.jaring', '.git', 'bench-results', 'coverage']);
const TEXT_FILE = /\.(ts|js|cjs|mjs|md|ya?ml|json|sh|xml)$|^Dockerfile/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIPPED_DIRS.has(name) ? [] : filesUnder(path);
    return TEXT_FILE.test(name) ? [path] : [];
  });
}

/** The project's source and documents: apps, libs, test, deploy, docs, and the text files at the root. */
const ROOT_FILES = readdirSync(REPO)
  .filter((name) => TEXT_FILE.test(name) && name !== 'package-lock.json')
  .map((name) => join(REPO, name))
  .filter((path) => statSync(path).isFile());
const FILES = [
  ...ROOT_FILES,
  ...['apps', 'libs', 'test', 'deploy', 'docs'].filter((dir) => existsSync(join(REPO, dir))).flatMap((dir) => filesUnder(join(REPO, dir))),
];

/** Every file name in the repository: a bare `kafka.yaml` is fine if such a file exists somewhere. */
const ALL_NAMES = new Set(filesUnder(REPO).map((path) => basename(path)));

/** A path starting with `../`: resolved from its file, it must stay inside the repository. */
const CLIMBING_PATH = /(?<![\w./-])((?:\.\.\/)+[\w.@-]*(?:\/[\w.@-]+)*)/g;
// Built from parts, so that this file does not trip its own check.
const RETIRED = new RegExp(`(?<!docs/)\\b(?:${['RULES', 'API', 'DESIGN'].join('|')})\\.md\\b`, 'g');
/** `docs/rules.md`, `secrets.example.yaml`, a path from `.`; not a URL, a glob (`apps/*`) or a template (`${x}.yaml`). */
const DOCUMENT_PATH = /(?<![\w./*<>{}$@-])((?:\.{1,2}\/)*[\w-][\w.-]*(?:\/[\w.-]+)*\.(?:md|ya?ml))(?![\w/-])/g;
const MARKDOWN_LINK = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

interface Line {
  file: string;
  number: number;
  text: string;
}

const LINES: Line[] = FILES.flatMap((path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .map((text, i) => ({ file: relative(REPO, path), number: i + 1, text })),
);

const where = (line: Line) => `${line.file}:${line.number}`;

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(markdownFile: string): Set<string> {
  const headings = readFileSync(markdownFile, 'utf8')
    .split('\n')
    .filter((text) => /^#{1,6}\s/.test(text));
  return new Set(headings.map((text) => anchorOf(text.replace(/^#+\s+/, ''))));
}

/** Why a Markdown link target (relative to its file, or to the root when it starts with `/`) does not resolve. */
function brokenLink(line: Line, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // http:, mailto:
  const [path, fragment] = target.split('#');
  const file = path === '' ? join(REPO, line.file) : path.startsWith('/') ? join(REPO, path) : join(REPO, dirname(line.file), path);
  if (!existsSync(file)) return `${where(line)}: link to ${target}: ${relative(REPO, file)} does not exist`;
  if (fragment && file.endsWith('.md') && !anchorsOf(file).has(fragment))
    return `${where(line)}: link to ${target}: no such heading in ${relative(REPO, file)}`;
  return undefined;
}

/** Why a path-like mention does not resolve: a path from the root (or from its file), or a file name that exists somewhere. */
function brokenPath(line: Line, mention: string): string | undefined {
  if (mention.match(RETIRED)) return undefined; // reported by check (c)
  const fromFile = join(REPO, dirname(line.file), mention);
  if (!mention.includes('/'))
    return ALL_NAMES.has(mention) || existsSync(fromFile) ? undefined : `${where(line)}: ${mention} does not exist in the repository`;
  if (mention.startsWith('.'))
    return existsSync(fromFile) ? undefined : `${where(line)}: ${mention} does not exist (from ${dirname(line.file)})`;
  return existsSync(join(REPO, mention)) || existsSync(fromFile) ? undefined : `${where(line)}: ${mention} does not exist`;
}

describe('references to documents', () => {
  it('finds the repository’s own documents', () => {
    expect(
      ['rules.md', 'api.md', 'design.md', 'operations.md', 'asyncapi.yaml'].filter((name) => !existsSync(join(REPO, 'docs', name))),
    ).toEqual([]);
  });

  it('(a) never point outside the repository', () => {
    const outside = LINES.flatMap((line) =>
      [...line.text.matchAll(CLIMBING_PATH)]
        .filter((m) => relative(REPO, join(REPO, dirname(line.file), m[1])).startsWith('..'))
        .map((m) => `${where(line)}: ${m[1]} points outside the repository`),
    );
    expect(outside).toEqual([]);
  });

  it('(b) name documents and link targets that exist', () => {
    const problems = LINES.flatMap((line) => {
      const isMarkdown = line.file.endsWith('.md');
      const links = isMarkdown ? [...line.text.matchAll(MARKDOWN_LINK)].map((m) => brokenLink(line, m[1])) : [];
      // Link targets are checked above; the rest of the line is searched for paths (URLs are not paths).
      const prose = (isMarkdown ? line.text.replace(MARKDOWN_LINK, '') : line.text).replace(URL, ' ');
      const paths = [...prose.matchAll(DOCUMENT_PATH)].map((m) => brokenPath(line, m[1]));
      return [...links, ...paths].filter((problem): problem is string => problem !== undefined);
    });
    expect(problems).toEqual([]);
  });

  it('(c) cite the documents under docs/, not by their retired names', () => {
    const retired = LINES.flatMap((line) =>
      [...line.text.matchAll(RETIRED)].map(
        (m) => `${where(line)}: ${m[0]} no longer exists: cite docs/rules.md, docs/api.md or docs/design.md`,
      ),
    );
    expect(retired).toEqual([]);
  });
});
