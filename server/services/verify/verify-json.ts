// The JSON text of a verify answer. Most of a genuine stamp's answer is its product card
// (product, producer, OCOP certificates, marks, awards), the same for every stamp of the
// product, so it is serialized once per card and spliced after the per-scan fields:
// half the cost of JSON.stringify on the whole answer.
import type { VerifyResult } from './verify-types';

interface CardText {
  producer: VerifyResult['producer'];
  certifications: VerifyResult['certifications'];
  marks: VerifyResult['marks'];
  awards: VerifyResult['awards'];
  /** `"product":…,"producer":…,…` without the braces. */
  text: string;
}

// Keyed by the product object, which the verify service shares between answers for as
// long as the product's details stay cached.
const cardTexts = new WeakMap<object, CardText>();

/** Exactly `JSON.stringify(result)`, reusing the serialized product card. */
export function stringifyVerifyResult(result: VerifyResult): string {
  const { product, producer, certifications, marks, awards, ...scan } = result;
  if (!product) return JSON.stringify(result);
  let card = cardTexts.get(product);
  if (!card || card.producer !== producer || card.certifications !== certifications || card.marks !== marks || card.awards !== awards) {
    card = { producer, certifications, marks, awards, text: JSON.stringify({ product, producer, certifications, marks, awards }).slice(1, -1) };
    cardTexts.set(product, card);
  }
  const head = JSON.stringify(scan);
  return head === '{}' ? `{${card.text}}` : `${head.slice(0, -1)},${card.text}}`;
}
