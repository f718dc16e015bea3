import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The package's own .proto tree. */
export const DEFAULT_PROTO_DIR = join(packageDir, 'proto');
/** Where `schemas gen` writes by default (committed; a unit test fails when it is stale). */
export const DEFAULT_OUT_DIR = join(packageDir, 'src', 'generated');
