/**
 * Management API user routes (03-users-*, 04-password-*, 07-logto-configs-*, 11-users-list-*).
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorPluginOptions } from '../context.js';
import {
  EMAIL_REGEX,
  PHONE_REGEX,
  USERNAME_REGEX,
  assertNoIssues,
  bodyObject,
  entityNotFound,
  invalidStringIssue,
  invalidTypeIssue,
  isPlainObject,
  logtoError,
  tooSmallStringIssue,
  type IssuePath,
  type ZodIssue,
} from '../errors.js';
import { paginate, parsePage } from '../pagination.js';
import {
  hashPassword,
  toUserResponse,
  verifyPassword,
  type EmulatorState,
  type EmulatorUser,
  type JsonObject,
  type LogtoConfig,
  type UserProfile,
} from '../state.js';

type UserParams = { userId: string };

// ---------------------------------------------------------------------------------------------
// Validation (zod-like issues as Logto's guards report them)

function checkOptionalString(
  issues: ZodIssue[],
  body: Record<string, unknown>,
  key: string,
  options: { nullable: boolean; regex?: RegExp; url?: boolean },
): void {
  if (!(key in body) || body[key] === undefined) return;
  const value = body[key];
  if (value === null) {
    if (!options.nullable) issues.push(invalidTypeIssue([key], 'string', value));
    return;
  }
  if (typeof value !== 'string') {
    issues.push(invalidTypeIssue([key], 'string', value));
    return;
  }
  if (options.regex && !options.regex.test(value)) issues.push(invalidStringIssue([key]));
  if (options.url && value !== '' && !URL.canParse(value)) {
    issues.push({ validation: 'url', code: 'invalid_string', message: 'Invalid url', path: [key] });
  }
}

const PROFILE_STRING_KEYS = [
  'familyName', 'givenName', 'middleName', 'nickname', 'preferredUsername', 'profile', 'website',
  'gender', 'birthdate', 'zoneinfo', 'locale',
] as const;
const ADDRESS_KEYS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'] as const;

/** Logto's profile guard: known OIDC claims only (unknown keys are stripped), `address` is an object. */
function parseProfile(issues: ZodIssue[], value: unknown, path: IssuePath): UserProfile | undefined {
  if (!isPlainObject(value)) {
    issues.push(invalidTypeIssue(path, 'object', value));
    return undefined;
  }
  const profile: UserProfile = {};
  for (const key of PROFILE_STRING_KEYS) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') issues.push(invalidTypeIssue([...path, key], 'string', field));
    else profile[key] = field;
  }
  if (value.address !== undefined) {
    // 03-users-profile-patch-invalid: `address` must be an object.
    if (!isPlainObject(value.address)) {
      issues.push(invalidTypeIssue([...path, 'address'], 'object', value.address));
    } else {
      const address: JsonObject = {};
      for (const key of ADDRESS_KEYS) {
        const field = value.address[key];
        if (field === undefined) continue;
        if (typeof field !== 'string') issues.push(invalidTypeIssue([...path, 'address', key], 'string', field));
        else address[key] = field;
      }
      profile.address = address;
    }
  }
  return profile;
}

function parseJsonObject(issues: ZodIssue[], value: unknown, path: IssuePath): JsonObject | undefined {
  if (!isPlainObject(value)) {
    issues.push(invalidTypeIssue(path, 'object', value));
    return undefined;
  }
  return structuredClone(value) as JsonObject;
}

/** Fields shared by POST and PATCH /api/users (unknown keys are silently dropped: 03-users-patch-unknown-field). */
function validateIdentifiers(issues: ZodIssue[], body: Record<string, unknown>, nullable: boolean): void {
  checkOptionalString(issues, body, 'username', { nullable, regex: USERNAME_REGEX });
  checkOptionalString(issues, body, 'primaryEmail', { nullable, regex: EMAIL_REGEX });
  checkOptionalString(issues, body, 'primaryPhone', { nullable, regex: PHONE_REGEX });
  checkOptionalString(issues, body, 'name', { nullable: true });
  checkOptionalString(issues, body, 'avatar', { nullable: true, url: true });
}

/** 422s for identifiers that belong to someone else (e-mail compared case-insensitively). */
function assertIdentifiersFree(state: EmulatorState, body: Record<string, unknown>, exceptId?: string): void {
  if (typeof body.username === 'string' && state.findUserBy('username', body.username, exceptId)) {
    throw logtoError(422, 'user.username_already_in_use', 'This username is already in use.');
  }
  if (typeof body.primaryEmail === 'string' && state.findUserBy('primaryEmail', body.primaryEmail, exceptId)) {
    throw logtoError(422, 'user.email_already_in_use', 'This email is associated with an existing account.');
  }
  if (typeof body.primaryPhone === 'string' && state.findUserBy('primaryPhone', body.primaryPhone, exceptId)) {
    throw logtoError(422, 'user.phone_already_in_use', 'This phone number is associated with an existing account.');
  }
}

function requirePassword(body: Record<string, unknown>): string {
  const issues: ZodIssue[] = [];
  const password = body.password;
  if (typeof password !== 'string') issues.push(invalidTypeIssue(['password'], 'string', password));
  else if (password.length < 1) issues.push(tooSmallStringIssue(['password'], 1));
  assertNoIssues(issues);
  return password as string;
}

function findUser(state: EmulatorState, userId: string): EmulatorUser {
  const user = state.users.get(userId);
  if (!user) throw entityNotFound();
  return user;
}

/** SQL `ILIKE` semantics for `?search=` (11-users-list-search uses `%rec_bob%`); no `%` means "contains". */
function searchMatcher(search: string): (value: string | null) => boolean {
  const pattern = search.includes('%') ? search : `%${search}%`;
  const source = pattern
    .split('')
    .map((char) => (char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 'is');
  return (value) => value !== null && regex.test(value);
}

const SEARCH_FIELDS = ['id', 'username', 'primaryEmail', 'primaryPhone', 'name'] as const;
type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * Logto's advanced user search by field (packages/core/src/utils/search.ts): `search.<field>=value` (repeatable)
 * with `mode.<field>` `like` (default) or `exact`; `exact` compares lower(field) = lower(value) unless
 * `isCaseSensitive=true`. Conditions are ORed unless `joint=and`. The general `?search=` is handled above.
 */
function fieldSearchConditions(query: Record<string, unknown>): Array<(user: EmulatorUser) => boolean> {
  const caseSensitive = query.isCaseSensitive === 'true';
  const conditions: Array<(user: EmulatorUser) => boolean> = [];
  for (const [key, raw] of Object.entries(query)) {
    if (!key.startsWith('search.')) continue;
    const field = key.slice('search.'.length) as SearchField;
    if (!SEARCH_FIELDS.includes(field)) {
      throw logtoError(400, 'request.invalid_input', 'Input is invalid. {{details}}', { message: `Search field \`${field}\` is not valid.` });
    }
    const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string' && value !== '');
    if (values.length === 0) continue;
    const mode = query[`mode.${field}`] ?? query.mode ?? 'like';
    if (mode === 'exact') {
      const fold = (value: string) => (caseSensitive ? value : value.toLowerCase());
      const wanted = new Set(values.map(fold));
      conditions.push((user) => {
        const value = user[field];
        return value !== null && wanted.has(fold(value));
      });
    } else {
      const matches = searchMatcher(values[0] ?? '');
      conditions.push((user) => matches(user[field]));
    }
  }
  return conditions;
}

// ---------------------------------------------------------------------------------------------
// Routes

export async function usersRoutes(app: FastifyInstance, options: EmulatorPluginOptions): Promise<void> {
  const { ctx } = options;
  const { state } = ctx;

  app.get('/api/users', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = parsePage(query);
    let users = [...state.users.values()];
    if (typeof query.search === 'string' && query.search !== '') {
      const matches = searchMatcher(query.search);
      users = users.filter(
        (user) =>
          matches(user.id) || matches(user.username) || matches(user.primaryEmail) || matches(user.primaryPhone) || matches(user.name),
      );
    }
    const fieldConditions = fieldSearchConditions(query);
    if (fieldConditions.length > 0) {
      const and = query.joint === 'and' || query.jointMode === 'and';
      users = users.filter((user) => (and ? fieldConditions.every((test) => test(user)) : fieldConditions.some((test) => test(user))));
    }
    // Newest first (11-users-list-page1-size1).
    users.sort((a, b) => b.createdAt - a.createdAt);
    return paginate(request, reply, ctx.endpoint, users, page).map((user) => toUserResponse(user));
  });

  app.post('/api/users', async (request) => {
    const body = bodyObject(request.body);
    const issues: ZodIssue[] = [];
    validateIdentifiers(issues, body, false);
    if (body.password !== undefined && typeof body.password !== 'string') {
      issues.push(invalidTypeIssue(['password'], 'string', body.password));
    }
    const customData = body.customData === undefined ? {} : parseJsonObject(issues, body.customData, ['customData']);
    const profile = body.profile === undefined ? {} : parseProfile(issues, body.profile, ['profile']);
    assertNoIssues(issues);
    assertIdentifiersFree(state, body);
    // Logto 1.41: the password policy is NOT enforced here (04-users-create-weak-password-under-policy).
    const user = state.createUser({
      username: (body.username as string | undefined) ?? null,
      primaryEmail: (body.primaryEmail as string | undefined) ?? null,
      primaryPhone: (body.primaryPhone as string | undefined) ?? null,
      name: (body.name as string | null | undefined) ?? null,
      avatar: (body.avatar as string | null | undefined) ?? null,
      customData: customData ?? {},
      profile: profile ?? {},
      password: typeof body.password === 'string' ? body.password : null,
    });
    return toUserResponse(user);
  });

  app.get<{ Params: UserParams; Querystring: { includeSsoIdentities?: string } }>('/api/users/:userId', async (request) => {
    const user = findUser(state, request.params.userId);
    const include = request.query.includeSsoIdentities;
    return toUserResponse(user, include === 'true' || include === '1');
  });

  app.patch<{ Params: UserParams }>('/api/users/:userId', async (request) => {
    const user = findUser(state, request.params.userId);
    const body = bodyObject(request.body);
    const issues: ZodIssue[] = [];
    validateIdentifiers(issues, body, true);
    const customData = body.customData === undefined ? undefined : parseJsonObject(issues, body.customData, ['customData']);
    const profile = body.profile === undefined ? undefined : parseProfile(issues, body.profile, ['profile']);
    assertNoIssues(issues);
    assertIdentifiersFree(state, body, user.id);

    // `null` clears a field (03-users-patch-clear-email-and-phone).
    for (const key of ['username', 'primaryEmail', 'primaryPhone', 'name', 'avatar'] as const) {
      if (key in body && body[key] !== undefined) user[key] = body[key] as string | null;
    }
    // Logto 1.41: `customData` here REPLACES the object (03-users-patch-custom-data-via-user),
    // unlike PATCH /custom-data which merges.
    if (customData !== undefined) user.customData = customData;
    if (profile !== undefined) user.profile = profile;
    state.touchUser(user);
    return toUserResponse(user);
  });

  app.delete<{ Params: UserParams }>('/api/users/:userId', async (request, reply) => {
    if (!state.deleteUser(request.params.userId)) throw entityNotFound();
    return reply.code(204).send();
  });

  app.get<{ Params: UserParams }>('/api/users/:userId/custom-data', async (request) => {
    return findUser(state, request.params.userId).customData;
  });

  app.patch<{ Params: UserParams }>('/api/users/:userId/custom-data', async (request) => {
    const user = findUser(state, request.params.userId);
    const issues: ZodIssue[] = [];
    const patch = parseJsonObject(issues, bodyObject(request.body).customData, ['customData']);
    assertNoIssues(issues);
    // Logto 1.41: top-level keys only, `null` is stored as null (03-users-custom-data-patch-2, -null-value).
    user.customData = { ...user.customData, ...patch };
    state.touchUser(user);
    return user.customData;
  });

  app.patch<{ Params: UserParams }>('/api/users/:userId/profile', async (request) => {
    const user = findUser(state, request.params.userId);
    const issues: ZodIssue[] = [];
    const patch = parseProfile(issues, bodyObject(request.body).profile, ['profile']);
    assertNoIssues(issues);
    // Shallow merge (03-users-profile-patch-merge): `address` is replaced as a whole.
    user.profile = { ...user.profile, ...patch };
    state.touchUser(user);
    return user.profile;
  });

  app.patch<{ Params: UserParams }>('/api/users/:userId/is-suspended', async (request) => {
    const user = findUser(state, request.params.userId);
    const value = bodyObject(request.body).isSuspended;
    if (typeof value !== 'boolean') assertNoIssues([invalidTypeIssue(['isSuspended'], 'boolean', value)]);
    user.isSuspended = value as boolean;
    state.touchUser(user);
    // Logto 1.41 (routes/admin-user/basics.ts) signs a user out when suspending them: sessions and grants go.
    if (user.isSuspended) state.signOutUser(user.id);
    return toUserResponse(user);
  });

  app.patch<{ Params: UserParams }>('/api/users/:userId/password', async (request) => {
    const user = findUser(state, request.params.userId);
    const password = requirePassword(bodyObject(request.body));
    // Not checked against the password policy (04-password-patch-weak-under-policy).
    user.passwordHash = hashPassword(password);
    state.touchUser(user);
    return toUserResponse(user);
  });

  app.post<{ Params: UserParams }>('/api/users/:userId/password/verify', async (request, reply) => {
    const user = findUser(state, request.params.userId);
    const password = requirePassword(bodyObject(request.body));
    // No lockout: 10 wrong attempts, then the right one still passes (04-password-verify-correct-after-failures).
    if (!verifyPassword(password, user.passwordHash)) {
      throw logtoError(422, 'session.invalid_credentials', 'Incorrect account or password. Please check your input.');
    }
    return reply.code(204).send();
  });

  app.get<{ Params: UserParams }>('/api/users/:userId/has-password', async (request) => {
    return { hasPassword: findUser(state, request.params.userId).passwordHash !== null };
  });

  app.get<{ Params: UserParams }>('/api/users/:userId/logto-configs', async (request) => {
    return findUser(state, request.params.userId).logtoConfig;
  });

  app.patch<{ Params: UserParams }>('/api/users/:userId/logto-configs', async (request) => {
    const user = findUser(state, request.params.userId);
    const body = bodyObject(request.body);
    const issues: ZodIssue[] = [];
    const next: LogtoConfig = structuredClone(user.logtoConfig);
    const section = <K extends keyof LogtoConfig>(name: K, keys: Array<keyof LogtoConfig[K] & string>): void => {
      const value = body[name];
      if (value === undefined) return;
      if (!isPlainObject(value)) {
        issues.push(invalidTypeIssue([name], 'object', value));
        return;
      }
      for (const key of keys) {
        const field = value[key];
        if (field === undefined) continue;
        if (typeof field !== 'boolean') issues.push(invalidTypeIssue([name, key], 'boolean', field));
        else (next[name] as Record<string, boolean>)[key] = field;
      }
    };
    section('mfa', ['skipped', 'skipMfaOnSignIn']);
    section('passkeySignIn', ['skipped']);
    assertNoIssues(issues);
    // 07-logto-configs-patch: given keys are merged into the stored config.
    user.logtoConfig = next;
    state.touchUser(user);
    return user.logtoConfig;
  });

  app.get<{ Params: UserParams }>('/api/users/:userId/roles', async (request, reply) => {
    const user = findUser(state, request.params.userId);
    const page = parsePage(request.query as Record<string, unknown>);
    const roleIds = state.userRoles.get(user.id) ?? new Set<string>();
    const roles = [...roleIds].map((id) => state.roles.get(id)).filter((role) => role !== undefined);
    return paginate(request, reply, ctx.endpoint, roles, page);
  });

  app.post<{ Params: UserParams }>('/api/users/:userId/roles', async (request, reply) => {
    const user = findUser(state, request.params.userId);
    const roleIds = bodyObject(request.body).roleIds;
    if (!Array.isArray(roleIds) || roleIds.some((id) => typeof id !== 'string')) {
      assertNoIssues([invalidTypeIssue(['roleIds'], 'array', roleIds)]);
    }
    const ids = roleIds as string[];
    for (const id of ids) {
      if (!state.roles.has(id)) {
        throw logtoError(404, 'entity.not_exists_with_id', `The roles with ID \`${id}\` does not exist.`);
      }
    }
    const assigned = state.userRoles.get(user.id) ?? new Set<string>();
    const added = ids.filter((id) => !assigned.has(id));
    for (const id of added) assigned.add(id);
    state.userRoles.set(user.id, assigned);
    // 03-users-roles-assign: 201 {roleIds, addedRoleIds}.
    return reply.code(201).send({ roleIds: ids, addedRoleIds: added });
  });
}
