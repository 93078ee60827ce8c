import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from './errors/domain-error.js';

/** Flattens class-validator's error tree into `{ field: "address.postalCode", message }` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Unknown fields are an error (not silently dropped), so a client's typo never looks like success. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError('request.validation_failed', 'The request is not valid.', {
        extensions: { errors: flattenValidationErrors(errors) },
      }),
  });
}
