import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function stringLiteral(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw badInput(`${scalar} must be given as a string`);
  return ast.value;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw badInput(`Date ${JSON.stringify(value)}: expected a calendar date written YYYY-MM-DD`);
  }
  return value;
}

export const GraphQLDate = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(stringLiteral(ast, 'Date')),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value as string)) {
    throw badInput(`DateTime ${JSON.stringify(value)}: expected an ISO 8601 date and time, e.g. 2026-11-22T08:30:00Z`);
  }
  return date;
}

export const GraphQLDateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    // mysql2 returns DATETIME columns as 'YYYY-MM-DD HH:MM:SS' strings in UTC (dateStrings, timezone Z).
    const text = String(value);
    return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T').slice(0, 19)}Z` : text;
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, 'DateTime')),
});

const DECIMAL = /^-?\d{1,16}(\.\d{1,4})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw badInput(`Decimal ${JSON.stringify(value)}: expected a decimal number such as "1250000.00"`);
  }
  return text;
}

export const GraphQLDecimal = new GraphQLScalarType({
  name: 'Decimal',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) =>
    parseDecimal(ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : stringLiteral(ast, 'Decimal')),
});
