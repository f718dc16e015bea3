#!/usr/bin/env node
// The `commercebridge` command.
process.stdout.write('commercebridge: under construction\n');
