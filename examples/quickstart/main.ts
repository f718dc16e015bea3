// Smallest end-to-end check of the local stack: a transactional producer commits three events and aborts
// one, and a read_committed consumer prints exactly the committed ones.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const kafka = new Kafka({ clientId: 'quickstart', brokers, logLevel: logLevel.ERROR });
const topic = `quickstart.events.v1.${randomBytes(3).toString('hex')}`;

const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

const producer = kafka.producer({
  transactionalId: `quickstart-${topic}`,
  idempotent: true,
  maxInFlightRequests: 1,
});
await producer.connect();
const committed = await producer.transaction();
await committed.send({
  topic,
  messages: ['order.placed', 'order.confirmed', 'order.shipped'].map((type, i) => ({
    key: 'order-1',
    value: JSON.stringify({ type, seq: i + 1 }),
  })),
});
await committed.commit();
const aborted = await producer.transaction();
await aborted.send({
  topic,
  messages: [{ key: 'order-1', value: JSON.stringify({ type: 'order.cancelled' }) }],
});
await aborted.abort();
console.log(`published 3 events in a committed transaction and 1 in an aborted one to ${topic}`);

const consumer = kafka.consumer({ groupId: `quickstart-${topic}` });
await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
let seen = 0;
await new Promise<void>((resolve) => {
  void consumer.run({
    eachMessage: async ({ message }) => {
      console.log(`consumed ${message.key} ${message.value}`);
      if (++seen === 3) resolve();
    },
  });
});
await consumer.disconnect();
await producer.disconnect();
await admin.deleteTopics({ topics: [topic] });
await admin.disconnect();
console.log('the aborted event was never delivered: done');
