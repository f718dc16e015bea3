// A catalog for CLI runs against the secured listener: `order.placed` on SECURE_CATALOG_TOPIC (a topic under
// the ACL prefix), loaded with `--catalog test/support/secure-catalog.ts`.
import { ordersCatalog } from './catalogs.ts';

const topic = process.env['SECURE_CATALOG_TOPIC'];
if (!topic) throw new Error('SECURE_CATALOG_TOPIC is required: the topic of order.placed');

export const catalog = ordersCatalog(topic);
