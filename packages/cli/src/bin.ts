#!/usr/bin/env node
// The `commercebridge` executable.
import { main } from './program.ts';

const code = await main(process.argv.slice(2));
// Clients of kafkajs and pg may keep timers after a command; the command is over.
process.exit(code);
