import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docsFile, withCurrentTable } from '../scripts/config-docs.ts';

describe('docs/configuration.md', () => {
  it('holds the variable table of packages/config/src/variables.ts (else: pnpm config:docs)', () => {
    const document = readFileSync(docsFile, 'utf8');
    expect(document).toBe(withCurrentTable(document));
  });

  it('is linked from the README', () => {
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toContain('docs/configuration.md');
  });
});
