// The secured listener's ACLs and a login check, run by scripts/stack.sh once the broker answers.
//
//   node scripts/kafka-secure-setup.mjs PLAINTEXT_BROKERS SECURE_BROKERS CA_FILE TOPIC_PREFIX USERS_FILE
// (broker lists comma-separated)
//
// ACLs are created through the plaintext listener, whose principal (User:ANONYMOUS) is a super user; creating
// an ACL that exists already changes nothing, so this runs at every broker start. Then each user of USERS_FILE
// ("name password" lines) logs in on the secured listener with SCRAM-SHA-256 and SCRAM-SHA-512 over TLS.
import { readFileSync } from 'node:fs';
import kafkajs from 'kafkajs';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } =
  kafkajs;

const [plaintextBroker, secureBroker, caFile, prefix, usersFile] = process.argv.slice(2);
if (!usersFile) {
  console.error(
    'usage: kafka-secure-setup.mjs PLAINTEXT_BROKER SECURE_BROKER CA_FILE TOPIC_PREFIX USERS_FILE',
  );
  process.exit(2);
}
const users = readFileSync(usersFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [username, password] = line.split(' ');
    return { username, password };
  });

const prefixed = (resourceType, principal, operations) =>
  operations.map((operation) => ({
    resourceType,
    resourceName: prefix,
    resourcePatternType: ResourcePatternTypes.PREFIXED,
    principal,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  }));

const { ALL, READ, DESCRIBE, IDEMPOTENT_WRITE } = AclOperationTypes;
const acl = [
  // app: everything on its own topics, groups and transactional ids (create, write, read, delete, ...).
  ...prefixed(AclResourceTypes.TOPIC, 'User:app', [ALL]),
  ...prefixed(AclResourceTypes.GROUP, 'User:app', [ALL]),
  ...prefixed(AclResourceTypes.TRANSACTIONAL_ID, 'User:app', [ALL]),
  {
    resourceType: AclResourceTypes.CLUSTER,
    resourceName: 'kafka-cluster',
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: 'User:app',
    host: '*',
    operation: IDEMPOTENT_WRITE,
    permissionType: AclPermissionTypes.ALLOW,
  },
  // reader: consumes the same topics in its own groups; no write, no create.
  ...prefixed(AclResourceTypes.TOPIC, 'User:reader', [READ, DESCRIBE]),
  ...prefixed(AclResourceTypes.GROUP, 'User:reader', [READ, DESCRIBE]),
];

const admin = new Kafka({
  clientId: 'stack-secure-setup',
  brokers: plaintextBroker.split(','),
  logLevel: logLevel.NOTHING,
}).admin();
await admin.connect();
try {
  await admin.createAcls({ acl });
} finally {
  await admin.disconnect();
}

const ca = [readFileSync(caFile)];
for (const { username, password } of users) {
  for (const mechanism of ['scram-sha-256', 'scram-sha-512']) {
    const secure = new Kafka({
      clientId: 'stack-secure-setup',
      brokers: secureBroker.split(','),
      ssl: { ca },
      sasl: { mechanism, username, password },
      logLevel: logLevel.NOTHING,
      retry: { retries: 3 },
    }).admin();
    try {
      await secure.connect();
      await secure.describeCluster();
    } catch (error) {
      console.error(`${username} (${mechanism}) cannot log in on ${secureBroker}: ${error}`);
      process.exit(1);
    } finally {
      await secure.disconnect().catch(() => {});
    }
  }
}
