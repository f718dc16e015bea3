// The relay as an OS process (`commercebridge relay`): configuration from the environment, signals, exit codes.
// The exit codes are part of the contract (docs/contracts.md, "Relay CLI"): 0 graceful stop, 1 bad
// configuration, 2 fatal at start or shutdown cut short, 137 test hook RELAY_TEST_EXIT_AFTER_COMMITS.
import { isKafkaAccessError } from '@commercebridge/config';
import type { Catalog } from '@commercebridge/schemas';
import { optionsFromEnv } from './config.ts';
import { messageOf, RelayError } from './errors.ts';
import { createRelay } from './relay.ts';

export interface RelayProcessOptions {
  /** The environment to read (the CLI passes process.env after loading `.env`). */
  env: Record<string, string | undefined>;
  /** The user's catalog, for the wire codec. (Default: the built-in catalog) */
  catalog?: Catalog;
  /** Where errors go. (Default: stderr) */
  writeError?: (line: string) => void;
}

/**
 * Runs a relay until SIGTERM or SIGINT and resolves with the process exit code: 0 after a graceful stop, 1 for
 * invalid configuration (the message names the variable), 2 when it cannot start or its shutdown was cut short.
 */
export async function runRelayProcess(options: RelayProcessOptions): Promise<number> {
  const writeError = options.writeError ?? ((line: string) => process.stderr.write(`${line}\n`));
  let parsed: ReturnType<typeof optionsFromEnv>;
  try {
    parsed = optionsFromEnv(options.env);
  } catch (error) {
    writeError(`relay: invalid configuration: ${messageOf(error)}`);
    return 1;
  }
  const { options: relayOptions, cli, databaseUrl } = parsed;
  let commits = 0;
  const relay = createRelay({
    ...relayOptions,
    ...(options.catalog ? { catalog: options.catalog } : {}),
    database: databaseUrl,
    kafka: { ...relayOptions.kafka, sasl: relayOptions.kafka.sasl },
    hooks: {
      afterKafkaCommit: () => {
        commits += 1;
        // Crash tests: die between the Kafka commit and the Postgres mark, the window recovery must cover.
        if (cli.exitAfterCommits !== null && commits >= cli.exitAfterCommits) process.exit(137);
      },
    },
  });

  let stopping: Promise<number> | undefined;
  const stopped = new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      stopping ??= (async () => {
        relayOptions.logger
          .child({ component: 'relay', relayId: relay.relayId })
          .info({ signal }, 'relay.signal');
        const { forced } = await relay.stop();
        return forced ? 2 : 0;
      })();
      void stopping.then(resolve);
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  });

  try {
    await relay.start();
  } catch (error) {
    await relay.stop().catch(() => {});
    // A typed error says what failed and the fix; its stack would only add kafkajs internals.
    const code = error instanceof RelayError || isKafkaAccessError(error) ? `${error.code}: ` : '';
    writeError(`relay: cannot start: ${code}${messageOf(error)}`);
    return 2;
  }
  return stopped;
}
