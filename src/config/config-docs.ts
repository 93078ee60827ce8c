import { CONFIG_SECTIONS, CONFIG_VARIABLES, type ConfigVariable } from './config-variables.js';

/** What `npm run config:docs` writes, from CONFIG_VARIABLES alone; test/config/config-docs.spec.ts checks both files. */

export const README_CONFIG_START = '<!-- CONFIG:START (npm run config:docs) -->';
export const README_CONFIG_END = '<!-- CONFIG:END -->';

const ENV_HEADER = [
  '# logto-account-service configuration. Copy to .env and fill in the required values.',
  '# The service validates all of this at boot and exits with one message naming every problem.',
  '# Optional variables without a value are commented out: an empty value is not the same as unset.',
  '# docker-compose.yml overrides LOGTO_ENDPOINT, LOGTO_ISSUER, REDIS_URL, HOST and PORT for the',
  '# compose network; everything else is read from this file.',
  '# Written by `npm run config:docs` from src/config/config-variables.ts: edit that table, not this file.',
];
const RULE = `# ${'-'.repeat(93)}`;

const variables = (): Array<[string, ConfigVariable]> => Object.entries(CONFIG_VARIABLES);

function defaultOf(variable: ConfigVariable): string | number | readonly string[] | undefined {
  return 'default' in variable ? variable.default : undefined;
}

/** The value a variable has when unset, as it would be written in an env file; undefined when it has none. */
function plainDefault(variable: ConfigVariable): string | undefined {
  const fallback = defaultOf(variable);
  if (fallback === undefined) return undefined;
  return Array.isArray(fallback) ? fallback.join(',') : String(fallback as string | number);
}

export function renderEnvExample(): string {
  const lines = [...ENV_HEADER, ''];
  for (const { section, heading, note } of CONFIG_SECTIONS) {
    lines.push(RULE, `# ${heading}`, RULE, '');
    for (const [name, variable] of variables()) {
      if (variable.section !== section) continue;
      const fallback = plainDefault(variable);
      // Unset optional variables stay commented out: an empty value is not the same as unset.
      const live = variable.required === true || fallback !== undefined;
      lines.push(...variable.doc.map((line) => `# ${line}`), `${live ? '' : '# '}${name}=${variable.envExample ?? fallback ?? ''}`, '');
    }
    if (note) lines.push(...note.map((line) => `# ${line}`), '');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function typeText(variable: ConfigVariable): string {
  switch (variable.type) {
    case 'int':
      return `integer ${variable.min}–${variable.max}`;
    case 'enum':
      return 'one of the listed';
    case 'list':
      return 'comma list';
    case 'url':
      return 'URL';
    case 'trust-proxy':
      return 'boolean, count or list';
    default:
      return variable.type;
  }
}

function defaultText(variable: ConfigVariable): string {
  if (variable.defaultText !== undefined) return variable.defaultText;
  if (variable.required) return '— (required)';
  const fallback = defaultOf(variable);
  if (fallback === undefined) return 'unset';
  if (typeof fallback === 'number') return String(fallback);
  return (Array.isArray(fallback) ? fallback : [fallback as string]).map((value) => `\`${value}\``).join(', ');
}

export function renderConfigTable(): string {
  const rows = variables().map(
    ([name, variable]) => `| \`${name}\` | ${typeText(variable)} | ${defaultText(variable)} | ${variable.secret ? 'yes' : ''} | ${variable.summary} |`,
  );
  return ['| variable | type | default | secret | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The README with its configuration table replaced; throws when the markers are missing. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(README_CONFIG_START);
  const end = readme.indexOf(README_CONFIG_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${README_CONFIG_START} … ${README_CONFIG_END} markers`);
  return `${readme.slice(0, start + README_CONFIG_START.length)}\n${renderConfigTable()}\n${readme.slice(end)}`;
}
