// Readiness probe for the local stack: a real metadata request, and the group coordinator must answer.
import { Kafka, logLevel } from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:19092';
const kafka = new Kafka({
  clientId: 'stack-ready',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
});
const admin = kafka.admin();
try {
  await admin.connect();
  const cluster = await admin.describeCluster();
  if (cluster.brokers.length === 0) throw new Error('no brokers in metadata');
  await admin.listTopics();
  process.exit(0);
} catch (error) {
  console.error(String(error));
  process.exit(1);
} finally {
  await admin.disconnect().catch(() => {});
}
