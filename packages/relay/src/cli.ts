// The relay process: `pnpm relay` or `node --import tsx packages/relay/src/cli.ts`. Exit codes are part of the
// contract (docs/contracts.md, "Relay CLI"): 0 graceful stop, 1 bad configuration, 2 fatal at start,
// 3 shutdown cut short, 137 test hook RELAY_TEST_EXIT_AFTER_COMMITS.
import { optionsFromEnv } from './config.ts';
import { messageOf, RelayError } from './errors.ts';
import { createRelay } from './relay.ts';

function fail(code: number, message: string): never {
  process.stderr.write(`relay: ${message}\n`);
  process.exit(code);
}

let parsed: ReturnType<typeof optionsFromEnv>;
try {
  parsed = optionsFromEnv(process.env);
} catch (error) {
  fail(1, `invalid configuration: ${messageOf(error)}`);
}

const { options, cli, databaseUrl } = parsed;
let commits = 0;
const relay = createRelay({
  ...options,
  database: databaseUrl,
  kafka: { ...options.kafka, sasl: options.kafka.sasl },
  hooks: {
    afterKafkaCommit: () => {
      commits += 1;
      // Crash tests: die between the Kafka commit and the Postgres mark, the window recovery must cover.
      if (cli.exitAfterCommits !== null && commits >= cli.exitAfterCommits) process.exit(137);
    },
  },
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'relay.signal', relayId: relay.relayId, signal })}\n`,
  );
  const { forced } = await relay.stop();
  process.exit(forced ? 3 : 0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

async function main(): Promise<void> {
  try {
    await relay.start();
  } catch (error) {
    await relay.stop().catch(() => {});
    const code = error instanceof RelayError ? `${error.code}: ` : '';
    fail(2, `cannot start: ${code}${messageOf(error)}`);
  }
}

void main();
