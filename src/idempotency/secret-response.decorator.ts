import { SetMetadata } from '@nestjs/common';

export const SECRET_RESPONSE = 'idempotency:secret-response';

/**
 * Marks a route whose successful answer carries a secret (backup codes, a TOTP secret and its otpauth URI, a
 * verification id): the IdempotencyInterceptor never stores it for replay. The key still runs its request at
 * most once; a retry with it answers 409 `idempotency.not_replayable`, and the client sends a new request
 * with a new key, which passes every check (step-up, lockout) afresh.
 */
export const SecretResponse = () => SetMetadata(SECRET_RESPONSE, true);
