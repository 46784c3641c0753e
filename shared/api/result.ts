/**
 * Results cross every boundary (IPC, HTTP, CLI) as values, because a thrown Error keeps only its
 * message on the way. Codes are stable strings a front door can branch on; messages are for people.
 */
import { z } from 'zod';

export const ErrorCode = z.enum([
  'invalid-input', // arguments do not match the method's schema
  'unknown-method',
  'forbidden', // sender or token rejected
  'not-found',
  'conflict', // e.g. a notebook already exists there
  'no-notebook', // a notebook method was called with no notebook open
  'locked', // another process holds the notebook
  'unreadable', // a file could not be parsed or decoded
  'unsupported', // this front door cannot do that (e.g. a native dialog in the browser host)
  'cancelled',
  'io', // the file system refused
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorValue = z.object({ code: ErrorCode, message: z.string() });
export type ErrorValue = z.infer<typeof ErrorValue>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorValue }),
]);

/** An error that carries a code; thrown inside handlers, turned into `{ok: false}` at the boundary. */
export class DossierError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DossierError';
    this.code = code;
  }
  toValue(): ErrorValue {
    return { code: this.code, message: this.message };
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
