import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { validationError } from './errors';
import { withSchema } from './openapi/route-schema';

/**
 * zValidator that answers bad input with the API's error shape instead of zod's; the
 * middleware carries its schema, from which the OpenAPI document is generated.
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  withSchema(
    zValidator(target, schema, (result, c) => {
      if (!result.success) return validationError(c, target, result.error as never);
    }),
    target,
    schema,
  );
