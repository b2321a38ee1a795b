// What a printable sheet of one stamp batch needs, already resolved from the database:
// the renderers do no look-ups, so a service decides what goes on paper.

/** One stamp to print: its serial, the signed QR URL and, at issuance only, its scratch PIN. */
export interface SheetStamp {
  /** 16 base32 characters, printed grouped as XXXX-XXXX-XXXX-XXXX. */
  serial: string;
  /** The uppercase, QR-alphanumeric stamp URL from encodeStampUrl. */
  url: string;
  /** Plain PIN; only known while issuing, since the database keeps a keyed hash. */
  pin?: string;
}

/** A batch of stamps laid out on A4 pages, with the header facts printed on every page. */
export interface StampSheet {
  batchId: string;
  productName: string;
  producerName: string | null;
  /** ISO 8601 instant the batch was issued; printed as the Vietnamese calendar date. */
  issuedAt: string;
  /** Demo batches carry a "MẪU THỬ — DEMO" label on every page. */
  demo: boolean;
  /** Print each stamp's PIN under a scratch-off hint; off for reprints and proofs. */
  includePins: boolean;
  stamps: SheetStamp[];
}
