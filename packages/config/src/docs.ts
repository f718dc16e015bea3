import { type Group, VARIABLES, type Variable } from './variables.ts';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function defaultOf(variable: Variable): string {
  if (variable.defaultText !== undefined) return `\`${variable.defaultText}\``;
  if (variable.default !== undefined) return `\`${String(variable.default)}\``;
  return '-';
}

/**
 * The variable table as Markdown, one table per group (what `pnpm config:docs` writes into
 * docs/configuration.md; a unit test fails when that file is stale).
 */
export function variablesMarkdown(): string {
  const groups = new Map<Group, string[]>();
  for (const [name, variable] of Object.entries(VARIABLES) as [string, Variable][]) {
    const rows = groups.get(variable.group) ?? [];
    const secret = variable.secret ? ' Secret: never shown in errors or logs.' : '';
    rows.push(
      `| \`${name}\` | ${defaultOf(variable)} | ${cell(variable.rule.envText)} | ${cell(variable.description)}${secret} | ${variable.readBy.join(', ')} |`,
    );
    groups.set(variable.group, rows);
  }
  return [...groups]
    .map(([group, rows]) =>
      [
        `### ${group}`,
        '',
        '| variable | default | value | meaning | read by |',
        '|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    )
    .join('\n\n');
}
