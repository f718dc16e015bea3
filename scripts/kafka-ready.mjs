// Readiness probe for the local stack: a real metadata request, and the group coordinator must answer.
//
//   node scripts/kafka-ready.mjs BROKERS [NODE_ID]
//
// BROKERS is a comma-separated list. With NODE_ID, that node must also be among the live brokers of the
// cluster's metadata (a restarted broker of a cluster is only listed once the controller has unfenced it).
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.argv[2] ?? '127.0.0.1:19092').split(',');
const nodeId = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const kafka = new Kafka({
  clientId: 'stack-ready',
  brokers,
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
});
const admin = kafka.admin();
try {
  await admin.connect();
  const cluster = await admin.describeCluster();
  if (cluster.brokers.length === 0) throw new Error('no brokers in metadata');
  if (nodeId !== undefined && !cluster.brokers.some((broker) => broker.nodeId === nodeId)) {
    throw new Error(`node ${nodeId} is not among the live brokers`);
  }
  await admin.listTopics();
  process.exit(0);
} catch (error) {
  console.error(String(error));
  process.exit(1);
} finally {
  await admin.disconnect().catch(() => {});
}
