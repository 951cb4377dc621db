/**
 * What the server log keeps of a fault: enough to find the bug, nothing about a woman. A
 * database error's message and detail can quote the row it refused (PostgreSQL: `Key
 * (member_code)=(S-01) already exists`, `invalid input syntax for type integer: "…"`), and an
 * error thrown elsewhere may carry any value in its message. So the log gets the error's class,
 * its code and the names of the constraint, table and column when the driver gives them, and
 * the stack's frames (file and line: code, never data) — not the message, not the detail.
 * The one exception is Tejido's own operator messages, which start with their snake_case code
 * (`migrations_pending: … Run \`npm run migrate\` …`, `data_key: …`): written here, naming
 * migrations, files and settings, never a row.
 */
export function faultForLog(fault: unknown): string {
  if (!(fault instanceof Error)) return `non-Error thrown (${typeof fault})`;
  const named = fault as Error & {
    code?: unknown;
    constraint?: unknown;
    table?: unknown;
    column?: unknown;
    routine?: unknown;
    cause?: unknown;
  };
  const facts = (['code', 'constraint', 'table', 'column', 'routine'] as const)
    .filter((key) => typeof named[key] === 'string' || typeof named[key] === 'number')
    .map((key) => `${key}=${String(named[key])}`);
  const frames = (fault.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');
  const cause = named.cause instanceof Error ? `\n  caused by ${faultForLog(named.cause).split('\n')[0]}` : '';
  // `database_config: …`, `migrations_pending: …`: a snake_case code with an underscore, then the
  // sentence. No database driver's message starts so (PostgreSQL's and SQLite's are prose).
  const prefix = /^([a-z]+(?:_[a-z]+)+): /.exec(fault.message)?.[1];
  const own = prefix !== undefined && (named.code === undefined || named.code === prefix);
  return `${fault.name}${facts.length ? ` (${facts.join(', ')})` : ''}${own ? `: ${fault.message}` : ''}${cause}\n${frames}`;
}
