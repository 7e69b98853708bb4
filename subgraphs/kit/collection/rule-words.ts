import type { FieldRule } from './record-types.ts';

/** A field's rule in words, as the input's description and the catalogue state it. */
export function ruleOf(type: FieldRule): string {
  switch (type.kind) {
    case 'text':
      return `text, at most ${type.max} characters`;
    case 'uscc':
      return 'a unified social credit code (GB 32100)';
    case 'date':
      return `YYYY-MM-DD${type.notAfterToday ? ', not after today' : ''}`;
    case 'amount':
      return type.signed ? 'yuan, at most two decimals, negative for a loss' : 'yuan, at least 0, at most two decimals';
    case 'residentId':
      return 'a resident ID number (GB 11643), 18 characters with its check character';
    case 'integer':
      return `a whole number from ${type.min} to ${type.max}`;
    case 'enum':
      return `one of ${type.values.join(', ')}`;
    case 'list':
      return type.values ? `values separated by commas, each one of ${type.values.join(', ')}` : 'values separated by commas';
  }
}
