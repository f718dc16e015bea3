// The relay, configured exactly like its CLI (same environment), with one crash-test addition: with
// RELAY_TEST_FREEZE_AT_COMMIT=<n> the process stops itself (SIGSTOP) inside its n-th Kafka transaction, after
// the relay's last lease check and before the commit. A signal from outside cannot aim at that window; the
// fencing test needs a zombie frozen exactly there, so that only Kafka's producer fencing can stop its commit
// after SIGCONT. It logs `test.freezing` {slot, positions} just before stopping.
import { createRelay, optionsFromEnv } from '../../packages/relay/src/index.ts';

const freezeAt = Number(process.env['RELAY_TEST_FREEZE_AT_COMMIT'] ?? '0');
const { options, databaseUrl } = optionsFromEnv(process.env);
let commits = 0;

const relay = createRelay({
  ...options,
  database: databaseUrl,
  hooks: {
    beforeKafkaCommit: ({ slot, positions }) => {
      commits += 1;
      if (commits !== freezeAt) return;
      process.stdout.write(
        `${JSON.stringify({
          time: new Date().toISOString(),
          level: 'info',
          msg: 'test.freezing',
          relayId: options.relayId,
          slot,
          firstPosition: positions[0],
          lastPosition: positions[positions.length - 1],
          count: positions.length,
        })}\n`,
      );
      // Synchronous: no other code of this process runs between the log line and the stop.
      process.kill(process.pid, 'SIGSTOP');
    },
  },
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const { forced } = await relay.stop();
  process.exit(forced ? 3 : 0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

try {
  await relay.start();
} catch (error) {
  process.stderr.write(`freeze-runner: cannot start: ${(error as Error).message}\n`);
  await relay.stop().catch(() => {});
  process.exit(2);
}
