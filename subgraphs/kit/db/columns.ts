import { bigint, char, customType, date, decimal, varchar } from 'drizzle-orm/mysql-core';

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

/**
 * An identity that decides access (an institution's organisation id), compared byte for byte: the
 * server's default collation ignores case and trailing spaces, so `bank-demo-001` or `BANK-DEMO-001 `
 * would find BANK-DEMO-001's grants. VARBINARY compares bytes with no padding on MySQL 8 and MariaDB
 * alike (utf8mb4_bin still pads); the driver's bytes are read back as UTF-8 text.
 */
export const exactIdColumn = customType<{ data: string; driverData: Buffer | string; config: { length: number } }>({
  dataType: (config) => `varbinary(${(config?.length ?? 100) * 4})`,
  fromDriver: (value) => (typeof value === 'string' ? value : Buffer.from(value).toString('utf8')),
});
