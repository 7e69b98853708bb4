import { Kind, parse, print, type DocumentNode, type FieldNode, type ObjectTypeDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { listingInputsSelection, withRequiresFilled, type ListingInputs } from '../lists/listing-inputs.ts';

// What the evaluation reads from the departments, through @requires as the lists are: every list's
// entries (the lists' own selection, derived from departments.ts) and the records in force that are
// not list entries: penalties inside their publicity period and unpaid tax arrears. All PUBLIC, so
// every caller's evaluation is computed from the same records and the grade is the same for all.

/** The placeholder schema.graphql writes: `@requires(fields: EVALUATION_INPUTS)`. */
export const EVALUATION_INPUTS = 'EVALUATION_INPUTS';

interface ExtraRecords {
  department: 'market' | 'tax' | 'environment';
  recordsType: string;
  field: string;
  entryType: string;
  fields: Record<string, string>;
  /** What the scheme's indicators count it as while it is in force. */
  counts: string;
  inForce(row: Record<string, unknown>): boolean;
}

export const EVALUATION_EXTRA_RECORDS: readonly ExtraRecords[] = [
  { department: 'market', recordsType: 'MarketRecords', field: 'penalties', entryType: 'Penalty', fields: { id: 'ID!', expired: 'Boolean!' }, counts: 'PENALTY_IN_FORCE', inForce: (r) => r.expired === false },
  {
    department: 'environment',
    recordsType: 'EnvironmentRecords',
    field: 'penalties',
    entryType: 'EnvironmentalPenalty',
    fields: { id: 'ID!', expired: 'Boolean!' },
    counts: 'PENALTY_IN_FORCE',
    inForce: (r) => r.expired === false,
  },
  { department: 'tax', recordsType: 'TaxRecords', field: 'arrears', entryType: 'TaxArrears', fields: { id: 'ID!', outstanding: 'Boolean!' }, counts: 'TAX_ARREARS_OUTSTANDING', inForce: (r) => r.outstanding === true },
];

/** The @requires inputs of one entity's evaluation: the listing inputs and the extra records. */
export type EvaluationInputs = ListingInputs & Partial<Record<ExtraRecords['department'], Record<string, unknown> | null>>;

/** The selection: the lists' own, with the extra records added under each department's field. */
export function evaluationInputsSelection(): string {
  const document = parse(`{ ${listingInputsSelection()} }`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const selections = [...operation.selectionSet.selections] as FieldNode[];
  for (const extra of EVALUATION_EXTRA_RECORDS) {
    const index = selections.findIndex((s) => s.name.value === extra.department);
    if (index < 0) throw new Error(`evaluation inputs: the ${extra.department} department keeps no list, so its records field is not declared`);
    const added = parse(`{ ${extra.field} { ${Object.keys(extra.fields).join(' ')} } }`).definitions[0] as OperationDefinitionNode;
    const field = selections[index];
    selections[index] = { ...field, selectionSet: { ...field.selectionSet!, selections: [...field.selectionSet!.selections, ...added.selectionSet.selections] } };
  }
  return print({ ...operation.selectionSet, selections }).replace(/\s+/g, ' ').trim().slice(1, -1).trim();
}

/**
 * The platform's SDL with the evaluation's inputs filled in; run after the lists' (which declares the
 * departments' records types): each `@requires(fields: EVALUATION_INPUTS)` gets the selection, and the
 * extra records are declared @external on those types.
 */
export function withEvaluationInputs(sdl: DocumentNode): DocumentNode {
  const selection = evaluationInputsSelection();
  const declared = new Set<string>();
  const definitions = sdl.definitions.map((definition) => {
    const isObject = definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION;
    if (!isObject || !definition.fields) return definition;
    if (definition.name.value === 'Entity') {
      const fields = definition.fields.map((field) => withRequiresFilled(field, EVALUATION_INPUTS, selection));
      return { ...definition, fields } as typeof definition;
    }
    const extras = EVALUATION_EXTRA_RECORDS.filter((e) => e.recordsType === definition.name.value);
    if (extras.length === 0 || definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const added = (parse(`type X { ${extras.map((e) => `${e.field}: [${e.entryType}!]! @external`).join(' ')} }`).definitions[0] as ObjectTypeDefinitionNode).fields!;
    return { ...definition, fields: [...definition.fields, ...added] } as ObjectTypeDefinitionNode;
  });
  const types = EVALUATION_EXTRA_RECORDS.filter((e) => !declared.has(e.entryType) && declared.add(e.entryType)).map(
    (e) => `type ${e.entryType} { ${Object.entries(e.fields).map(([name, type]) => `${name}: ${type} @external`).join(' ')} }`,
  );
  return { ...sdl, definitions: [...definitions, ...parse(types.join('\n')).definitions] };
}
