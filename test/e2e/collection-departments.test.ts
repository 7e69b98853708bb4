import { describe, expect, it } from 'vitest';
import { withdrawable } from '../../subgraphs/kit/collection/sdl.ts';
import { testUscc } from '../support/records.ts';
import { collectingDepartments, registration, sampleRow, submitAs, withdrawAs } from '../support/submissions.ts';

// Every department that collects, every record type it declares: a valid row is accepted, the same
// row again changes nothing, a changed one updates, withdrawal works; government of another
// department is refused (DOMAIN). Built from the declarations, so a department that joins is covered.

const departments = collectingDepartments();

describe.each(departments)('collection in $department', ({ department, collection }) => {
  const other = departments.find((d) => d.department !== department)!.department.toUpperCase();

  it.each(collection.types.filter(withdrawable).map((t) => [t.recordType, t] as const))('%s: accepted, unchanged on resubmission, updated on a change, withdrawn', async (_, type) => {
    const uscc = testUscc();
    const market = departments.find((d) => d.department === 'market')!.collection.types.find((t) => t.recordType === 'REGISTRATION')!;
    await submitAs('market', market, [registration(uscc)]);
    const row = sampleRow(type, uscc);
    const first = await submitAs(department, type, [row]);
    expect(first.errors).toBeUndefined();
    expect(first.data[department][type.mutation]).toMatchObject({ accepted: 1, rejectedRows: 0, held: 0 });
    const again = await submitAs(department, type, [row]);
    expect(again.data[department][type.mutation]).toMatchObject({ accepted: 0, unchanged: 1 });
    const text = type.fields.find((f) => f.rule.kind === 'text');
    const correction = text ? { [text.name]: `${row[text.name]}（更正）` } : { [type.fields.find((f) => f.rule.kind === 'amount')!.name]: '200.00' };
    const changed = await submitAs(department, type, [{ ...row, ...correction }]);
    expect(changed.data[department][type.mutation]).toMatchObject({ updated: 1 });
    const withdrawn = await withdrawAs(department, type.recordType, [String(row.sourceId)]);
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data[department].withdrawRecords).toMatchObject({ withdrawn: 1 });
  });

  it(`refuses government of ${other} (DOMAIN)`, async () => {
    const type = collection.types.find(withdrawable)!;
    const result = await submitAs(department, type, [sampleRow(type, testUscc())], { kind: 'GOVERNMENT', department: other });
    expect(result.data?.[department] ?? null).toBeNull();
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'DOMAIN' });
  });

  it('holds a record of a subject market supervision does not know', async () => {
    const type = collection.types.find(withdrawable)!;
    const result = await submitAs(department, type, [sampleRow(type, testUscc())]);
    expect(result.data[department][type.mutation]).toMatchObject({ accepted: 1, held: 1 });
  });
});
