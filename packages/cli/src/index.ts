// Public API of @commercebridge/cli: see README.md. The command line itself is the `commercebridge` bin.
export { CliError, EXIT } from './context.ts';
export { buildProgram, main } from './program.ts';
