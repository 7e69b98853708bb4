import type { AnyMySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';

/**
 * What a department declares about each record type it collects (归集): the fields a submission
 * carries, how each is checked, and what the data catalogue (信用信息目录) says of it. The kit derives
 * the mutation, the validation, the upsert, the file template and the catalogue entry from this one
 * declaration, so the five of them cannot disagree.
 */
export type FieldRule =
  /** Free text of at most `max` characters. */
  | { kind: 'text'; max: number }
  /** A unified social credit code (GB 32100), checked like everywhere else. */
  | { kind: 'uscc' }
  /** A calendar day, YYYY-MM-DD; `notAfterToday`: a decision cannot be dated tomorrow (China Standard Time). */
  | { kind: 'date'; notAfterToday?: boolean }
  /** Yuan, at most two decimals; at least 0 unless `signed` (a net profit may be a loss). */
  | { kind: 'amount'; signed?: boolean }
  /** A resident ID number (公民身份号码, GB 11643), check character included: a natural person's, INTERNAL wherever it is read. */
  | { kind: 'residentId' }
  | { kind: 'integer'; min: number; max: number }
  /** One of a closed list of values. */
  | { kind: 'enum'; values: readonly string[] }
  /** Several values separated by commas (or 、，;), at most `max` characters all told; each one of `values` when given. */
  | { kind: 'list'; max: number; values?: readonly string[] };

export interface CollectedField {
  /** The input field, the drizzle property and the English template header: `decisionNumber`. */
  name: string;
  /** The Chinese header of the national template (行政处罚决定书文号), accepted in files. */
  label: string;
  rule: FieldRule;
  /** A submission without it is rejected (a required national 双公示 item, or a NOT NULL column). @default false */
  required?: boolean;
  /** Only in the local supplement (补充目录), not a national item. @default false */
  local?: boolean;
  /** Accepted on input and checked, but not a column of the record (used by `complete`). @default false */
  inputOnly?: boolean;
  /**
   * Where the value is read back when the record type has no field of this name (schema coordinates,
   * Type.field): the subject's code as `Entity.uscc`, a listing's list as the lists it appears under.
   * The catalogue states the most restrictive of their levels.
   * @default `${type}.${name}`
   */
  readAs?: readonly string[];
}

/** Two fields that must be in order when both are given: decided ≤ published, valid-from ≤ valid-to. */
export type DateOrder = readonly [earlier: string, later: string];

export interface CollectedRecordType {
  /** The GraphQL type the records are read as (Penalty). */
  type: string;
  /** The kind in record ids (market.penalty.42). */
  kind: string;
  /** The value of the department's record-type enum and of `--type` in `npm run collect` (PENALTY). */
  recordType: string;
  /** The mutation on the department's submissions namespace (submitPenalties). */
  mutation: string;
  /** Its GraphQL input type. @default `${type}Submission` */
  inputName?: string;
  /** Its name in the catalogue (行政处罚). */
  title: string;
  table: MySqlTable & { uscc: AnyMySqlColumn };
  /**
   * How a record is identified: by its source (一数一源: source department and source id, the default)
   * or, for registrations, by the subject's unified code.
   * @default 'source'
   */
  key?: 'source' | 'uscc';
  /** Every field a submission carries besides sourceId (the subject's `uscc` included). */
  fields: readonly CollectedField[];
  dateOrder?: readonly DateOrder[];
  /**
   * Another unique key of the table besides the source (a rating per subject and year): a row that
   * would take that key from another record is refused, never written over it.
   */
  alsoUnique?: readonly string[];
  /**
   * A 双公示 decision: `publishedOn` is set by the platform to the day it accepted the record (observed),
   * never taken from the submission; `decidedOn` names the field holding the decision day.
   */
  observedPublication?: { decidedOn: string };
  /** Fills columns that are derived rather than submitted (a registration's region from its code). */
  complete?(row: Record<string, unknown>): Record<string, unknown>;
  /**
   * A change to records already submitted (removing a listing): only the fields given are written, a
   * row whose source id is unknown is rejected, and the date order is checked against what is stored.
   * @default false
   */
  patch?: boolean;
  /** The law that makes the department keep and publish it, for the catalogue. */
  legalBasis: string;
  /** How often the department submits (实时, 每日, 每年…), for the catalogue. */
  updateFrequency: string;
}

/** Source ids are the department's own keys: short, printable, no surrounding spaces. */
export const MAX_SOURCE_ID_LENGTH = 64;
/** The most rows one API call may carry; files are cut into batches of this size. */
export const MAX_ROWS_PER_BATCH = 10_000;
