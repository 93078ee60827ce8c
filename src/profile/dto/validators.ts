import { ValidateBy, type ValidationOptions } from 'class-validator';

/** `YYYY-MM-DD`, a date that exists, not in the future. */
export function IsBirthdate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBirthdate',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= Date.now() && date.getUTCFullYear() >= 1850;
        },
        defaultMessage: () => '$property must be a real date (YYYY-MM-DD) that is not in the future',
      },
    },
    options,
  );
}

let timeZones: Set<string> | undefined;

/** An IANA time zone name known to this runtime. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length > 64) return false;
          timeZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
          if (timeZones.has(value)) return true;
          try {
            // Aliases (e.g. Europe/Kiev) are valid IANA names that supportedValuesOf leaves out.
            return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone.length > 0;
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be an IANA time zone such as Europe/Paris',
      },
    },
    options,
  );
}

/** A well-formed BCP 47 language tag. */
export function IsLocale(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocale',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length > 35 || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(value)) return false;
          try {
            return Intl.getCanonicalLocales(value).length === 1;
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be a BCP 47 language tag such as en-GB',
      },
    },
    options,
  );
}
