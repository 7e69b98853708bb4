import { bigint, char, date, decimal, varchar } from 'drizzle-orm/mysql-core';

/**
 * The columns every department's record tables share, so that a record id, a unified code, a source
 * (一数一源), a day or an amount of yuan has one SQL type across all five databases.
 */
export const recordIdColumn = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();
export const usccColumn = () => char('uscc', { length: 18 }).notNull();
export const sourceDepartmentColumn = () => varchar('source_department', { length: 100 }).notNull();
export const sourceIdColumn = () => varchar('source_id', { length: 64 }).notNull();
/** A calendar day, kept as 'YYYY-MM-DD': a decision date has no time zone to shift it by. */
export const dayColumn = (name: string) => date(name, { mode: 'string' });
/** An amount in yuan, exact to the fen. */
export const yuanColumn = (name: string) => decimal(name, { precision: 18, scale: 2 });
