import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BuildInfo {
  /** package.json's version (semver): the image tag of a release. */
  version: string;
  /** The git commit the image was built from (GIT_COMMIT, a Docker build argument), or `unknown`. */
  commit: string;
}

const PACKAGE_NAME = 'logto-account-service';

let cached: BuildInfo | undefined;

/**
 * Version and commit of the running build, for GET /health/live and the `app_build_info` metric. The version is
 * read from the package.json beside the code (dist/ in the image, src/ in development), so it cannot drift from
 * the release; the commit comes from the environment the image sets.
 */
export function buildInfo(env: NodeJS.ProcessEnv = process.env): BuildInfo {
  cached ??= { version: packageVersion(), commit: commitFrom(env) };
  return cached;
}

export function commitFrom(env: NodeJS.ProcessEnv): string {
  const commit = env.GIT_COMMIT?.trim();
  return commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : 'unknown';
}

function packageVersion(): string {
  let directory = import.meta.dirname;
  for (let depth = 0; depth < 4; depth += 1) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json at this level: look one level up.
    }
    directory = dirname(directory);
  }
  return 'unknown';
}
