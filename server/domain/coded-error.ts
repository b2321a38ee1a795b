// The one error shape of the domain: a stable reason code plus a sentence for people,
// Vietnamese first (the product's language) and English second. Parsers return these
// as values (CONVENTIONS §5, §12); only programmer mistakes are thrown, as DomainError.

/** A typed failure: `code` is stable for machines, the messages are for people. */
export interface CodedError<C extends string = string> {
  code: C;
  /** English sentence for logs and developers (same text as message_en). */
  message: string;
  message_vi: string;
  message_en: string;
}

/** Either a parsed value or a typed error; never both, never thrown. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Build a CodedError from its code and its two sentences. */
export function codedError<C extends string>(code: C, message_vi: string, message_en: string): CodedError<C> {
  return { code, message: message_en, message_vi, message_en };
}

/** Wrap a value as a successful Result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wrap an error as a failed Result. */
export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Thrown (not returned) when a caller breaks a precondition, e.g. a bad configured base URL. */
export class DomainError<C extends string = string> extends Error implements CodedError<C> {
  readonly code: C;
  readonly message_vi: string;
  readonly message_en: string;

  constructor(code: C, message_vi: string, message_en: string) {
    super(message_en);
    this.name = 'DomainError';
    this.code = code;
    this.message_vi = message_vi;
    this.message_en = message_en;
  }
}
