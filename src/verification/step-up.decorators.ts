import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { requestOf } from '../common/http/request-parts.js';

export const VERIFICATION_ID_HEADER = 'verification-id';

/** The raw `Verification-Id` header; StepUpService decides whether it is good. */
export const VerificationId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const value = requestOf(ctx).headers[VERIFICATION_ID_HEADER];
  return typeof value === 'string' ? value : undefined;
});

/** Documents a step-up route: the header and the 403 whose body lists the usable methods. */
export const RequiresStepUp = () =>
  applyDecorators(
    ApiHeader({
      name: 'Verification-Id',
      required: true,
      description:
        'Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or ' +
        '/me/verifications/code then /verify). ' +
        'Missing, pending, expired or foreign → 403 `verification.required` with `methods`.',
    }),
    ApiProblems('verification.required'),
  );
