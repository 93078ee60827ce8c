import { DomainError } from '../common/errors/domain-error.js';
import { passwordIssues, translateLogtoError } from './logto-errors.js';

/** Everything a translated error carries to the client or the log. */
function parts(error: DomainError) {
  return { code: error.code, detail: error.detail, headers: error.headers, extensions: error.extensions, cause: error.cause };
}

const ALREADY = {
  email: 'Another account already uses this email address.',
  username: 'Another account already uses this username.',
  phone: 'Another account already uses this phone number.',
  identity: 'This identity is already linked to another account.',
};
const CODE_INVALID = 'The verification code is wrong, expired or was tried too often. Request a new one.';

describe('translateLogtoError', () => {
  // The table is written out here, not read from the module: each row is a promise to clients.
  it.each<[string, string, string | undefined]>([
    ['user.email_already_in_use', 'email.already_in_use', ALREADY.email],
    ['user.username_already_in_use', 'username.already_in_use', ALREADY.username],
    ['user.phone_already_in_use', 'phone.already_in_use', ALREADY.phone],
    ['user.identity_already_in_use', 'identity.already_in_use', ALREADY.identity],
    ['user.identity_not_exist', 'identity.not_found', undefined],
    ['user.totp_already_in_use', 'mfa.already_enrolled', undefined],
    ['user.backup_code_already_in_use', 'mfa.backup_codes_exist', undefined],
    ['session.mfa.backup_code_can_not_be_alone', 'mfa.backup_codes_need_factor', undefined],
    ['user.suspended', 'account.suspended', undefined],
    ['oidc.session_not_found', 'session.not_found', undefined],
    ['oidc.invalid_session_account_id', 'session.not_found', undefined],
    ['oidc.invalid_grant', 'grant.not_found', undefined],
    ['verification_code.code_mismatch', 'verification_code.invalid', CODE_INVALID],
    ['verification_code.not_found', 'verification_code.invalid', CODE_INVALID],
    ['verification_code.exceed_max_try', 'verification_code.invalid', CODE_INVALID],
    ['verification_code.expired', 'verification_code.invalid', CODE_INVALID],
    ['connector.invalid_response', 'identity.verification_failed', undefined],
    ['session.invalid_connector_id', 'connector.not_found', undefined],
    ['connector.unexpected_type', 'connector.not_found', undefined],
  ])('Logto %s becomes %s', (logtoCode, code, detail) => {
    expect(parts(translateLogtoError(422, { code: logtoCode, message: 'internal text' }))).toEqual({
      code,
      detail,
      headers: {},
      extensions: {},
      cause: undefined,
    });
  });

  it('tells how long to wait when Logto rate-limits codes to a recipient', () => {
    expect(parts(translateLogtoError(429, { code: 'request.message_rate_limited' }))).toEqual({
      code: 'verification_code.rate_limited',
      detail: 'Too many codes were sent to this recipient. Try again later.',
      headers: { 'retry-after': '600' },
      extensions: {},
      cause: undefined,
    });
  });

  it('lists the password policy issues of a rejected password', () => {
    const data = [{ code: 'password_rejected.too_short', interpolation: { min: 8 } }, { code: 'password_rejected.pwned' }];
    expect(parts(translateLogtoError(422, { code: 'password.rejected', data }))).toEqual({
      code: 'password.rejected',
      detail: 'The password does not meet the password policy.',
      headers: {},
      extensions: { issues: data },
      cause: undefined,
    });
  });

  it('lets a call override or add translations', () => {
    expect(translateLogtoError(400, { code: 'user.suspended' }, { codes: { 'user.suspended': 'session.not_found' } }).code).toBe('session.not_found');
    expect(translateLogtoError(400, { code: 'custom.thing' }, { codes: { 'custom.thing': 'grant.not_found' } }).code).toBe('grant.not_found');
    expect(translateLogtoError(400, { code: 'user.suspended' }, { codes: {} }).code).toBe('account.suspended');
  });

  it.each(['entity.not_found', 'entity.not_exists_with_id', 'user.not_exist'])('%s means the account is gone by default', (logtoCode) => {
    expect(parts(translateLogtoError(404, { code: logtoCode }))).toEqual({
      code: 'account.not_found',
      detail: 'The account in the access token no longer exists.',
      headers: {},
      extensions: {},
      cause: undefined,
    });
  });

  it('uses the call\'s own code for a missing entity', () => {
    expect(parts(translateLogtoError(404, { code: 'entity.not_found' }, { notFound: 'session.not_found' }))).toEqual({
      code: 'session.not_found',
      detail: undefined,
      headers: {},
      extensions: {},
      cause: undefined,
    });
  });

  it.each<[string, string]>([
    ['primaryEmail', 'email.invalid'],
    ['email', 'email.invalid'],
    ['primaryPhone', 'phone.invalid'],
    ['phone', 'phone.invalid'],
    ['username', 'username.invalid'],
  ])('a guard error on %s is the client\'s %s', (field, code) => {
    const data = { issues: [{ path: ['body'] }, { path: ['profile', field] }] };
    expect(parts(translateLogtoError(400, { code: 'guard.invalid_input', data }))).toEqual({
      code,
      detail: 'The value is not in a format Logto accepts.',
      headers: {},
      extensions: {},
      cause: undefined,
    });
  });

  it.each<[string, unknown]>([
    ['another field', { issues: [{ path: ['name'] }] }],
    ['a field only in the middle of the path', { issues: [{ path: ['email', 'x'] }] }],
    ['a non-string path element', { issues: [{ path: [0] }] }],
    ['an issue without path', { issues: [{}] }],
    ['a path that is not an array', { issues: [{ path: 'email' }] }],
    ['issues that are not an array', { issues: 'email' }],
    ['no data', undefined],
    ['an inherited name', { issues: [{ path: ['toString'] }] }],
    ['a path ending in a list that names a field', { issues: [{ path: ['profile', ['email']] }] }],
  ])('a guard error on %s is an upstream problem', (_, data) => {
    expect(parts(translateLogtoError(400, { code: 'guard.invalid_input', data }))).toEqual({
      code: 'upstream.rejected',
      detail: 'Logto rejected the request.',
      headers: {},
      extensions: {},
      cause: 'Logto 400 guard.invalid_input',
    });
  });

  it('a Logto auth error means the service is not authorized, retried later', () => {
    expect(parts(translateLogtoError(401, { code: 'auth.unauthorized' }))).toEqual({
      code: 'upstream.auth_failed',
      detail: 'The service is not authorized to use the Logto Management API.',
      headers: { 'retry-after': '30' },
      extensions: {},
      cause: 'Logto 401 auth.unauthorized',
    });
  });

  it.each<[string, { code?: string } | undefined, string]>([
    ['an unknown code', { code: 'something.else' }, 'Logto 500 something.else'],
    ['an inherited name', { code: 'constructor' }, 'Logto 500 constructor'],
    ['a code that only contains "auth."', { code: 'oauth.thing' }, 'Logto 500 oauth.thing'],
    ['a body without code', {}, 'Logto 500 (no code)'],
    ['an empty code', { code: '' }, 'Logto 500 '],
    ['no body', undefined, 'Logto 500 (no code)'],
  ])('%s is an upstream rejection, logged with Logto\'s status and code', (_, body, cause) => {
    expect(parts(translateLogtoError(500, body))).toEqual({
      code: 'upstream.rejected',
      detail: 'Logto rejected the request.',
      headers: {},
      extensions: {},
      cause,
    });
  });
});

describe('passwordIssues', () => {
  it('keeps the code and, when present, the interpolation of each issue', () => {
    expect(passwordIssues([{ code: 'a', interpolation: { n: 1 }, extra: true }, { code: 'b', interpolation: undefined }])).toEqual([
      { code: 'a', interpolation: { n: 1 } },
      { code: 'b' },
    ]);
    expect(Object.keys(passwordIssues([{ code: 'b' }])[0])).toEqual(['code']);
  });

  it('drops items without a string code, and anything that is not a list', () => {
    expect(passwordIssues([{ code: 1 }, null, 'x', { code: 'ok' }])).toEqual([{ code: 'ok' }]);
    expect(passwordIssues({ code: 'a' })).toEqual([]);
    expect(passwordIssues(undefined)).toEqual([]);
  });
});
