/**
 * The oldest Node.js the service runs on: undici 8, its HTTP client to Logto, needs 22.19 (its `engines`), and
 * on an older Node it fails at the first call rather than at start. package.json's `engines` says the same
 * (test/deploy/node-version.spec.ts keeps them equal and checks every production dependency's floor).
 *
 * This module imports nothing, so main.ts can run it before loading any module that needs a newer Node.
 */
export const MINIMUM_NODE_VERSION = '22.19.0';

/** A message for the operator when `current` is older than `minimum`; undefined when it is recent enough. */
export function unsupportedNodeMessage(current: string = process.versions.node, minimum: string = MINIMUM_NODE_VERSION): string | undefined {
  const parse = (version: string) => version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [have, need] = [parse(current), parse(minimum)];
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) > (need[i] ?? 0)) return undefined;
    if ((have[i] ?? 0) < (need[i] ?? 0)) {
      return (
        `logto-account-service needs Node.js ${minimum} or later; this is Node.js ${current.replace(/^v/, '')}. ` +
        'Use the published image (Node 24) or upgrade Node.\n'
      );
    }
  }
  return undefined;
}
