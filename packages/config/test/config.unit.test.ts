import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  checkOption,
  createKafkaClient,
  parseKafkaSettings,
  readConfig,
  redact,
  VARIABLES,
} from '../src/index.ts';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', retriable: false });
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('the variable table', () => {
  it('gives every variable a description, an example its own rule accepts, and a default its rule accepts', () => {
    for (const [name, variable] of Object.entries(VARIABLES)) {
      expect(variable.description, name).not.toBe('');
      if (variable.rule.envText !== 'the path of a readable file') {
        expect(variable.rule.env.safeParse(variable.example).success, `${name}=${variable.example}`).toBe(
          true,
        );
      }
      if (variable.default !== undefined) {
        expect(variable.rule.value.safeParse(variable.default).success, name).toBe(true);
      }
    }
  });

  it('types the parsed values from the table', () => {
    const { env } = readConfig({ KAFKA_COMPRESSION_TYPE: 'GZIP', RELAY_NOTIFY: 'no' });
    const compression: 'none' | 'gzip' | 'snappy' = env.KAFKA_COMPRESSION_TYPE;
    const notify: boolean = env.RELAY_NOTIFY;
    const brokers: string[] | undefined = env.KAFKA_BROKERS;
    expect({ compression, notify, brokers }).toEqual({
      compression: 'gzip',
      notify: false,
      brokers: undefined,
    });
  });

  it('takes an empty variable as unset', () => {
    expect(readConfig({ KAFKA_MAX_BATCH_SIZE: '', OUTBOX_SCHEMA: '  ' }).env).toMatchObject({
      KAFKA_MAX_BATCH_SIZE: 100,
      OUTBOX_SCHEMA: 'commercebridge',
    });
  });
});

describe('errors', () => {
  it('name the variable, the rule and a fix', () => {
    const error = configError(() => readConfig({ RELAY_SLOT_COUNT: '1e3' }));
    expect(error.variable).toBe('RELAY_SLOT_COUNT');
    expect(error.message).toBe(
      'RELAY_SLOT_COUNT must be an integer between 1 and 1024, in decimal digits only (got "1e3"); for example RELAY_SLOT_COUNT=8, or unset it for the default 4',
    );
  });

  it('never show a secret or the password of a URL', () => {
    const password = configError(() => readConfig({ SCHEMA_REGISTRY_PASSWORD: 'p'.repeat(2000) }));
    expect(password.message).not.toContain('ppp');
    const url = configError(() => readConfig({ DATABASE_URL: 'mysql://app:hunter2@db/app' }));
    expect(url.message).toContain('mysql://app:***@db/app');
    expect(url.message).not.toContain('hunter2');
  });
});

describe('Kafka settings', () => {
  it('name the option path and never echo the password or keys', () => {
    const brokers = configError(() => parseKafkaSettings({ brokers: ['a:1', ''] }, '/relay/kafka'));
    expect(brokers.variable).toBe('/relay/kafka/brokers/1');
    expect(brokers.message).toMatch(
      /^\/relay\/kafka\/brokers must be a non-empty list of "host:port" strings/,
    );
    const sasl = configError(() =>
      parseKafkaSettings(
        { brokers: ['a:1'], sasl: { mechanism: 'gssapi' as never, username: 'u', password: 'hunter2' } },
        '/consumer/kafka',
      ),
    );
    expect(sasl.variable).toBe('/consumer/kafka/sasl/mechanism');
    expect(sasl.message).not.toContain('hunter2');
    const tls = configError(() =>
      parseKafkaSettings({ brokers: ['a:1'], ssl: { key: 42 as never, passphrase: 'hunter2' } }),
    );
    expect(tls.variable).toBe('/kafka/ssl/key');
    expect(tls.message).not.toContain('hunter2');
  });

  it('default the client id and keep TLS and SASL for the client', () => {
    const settings = parseKafkaSettings({
      brokers: ['a:1'],
      ssl: { ca: 'PEM', rejectUnauthorized: false },
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
    expect(settings).toEqual({
      brokers: ['a:1'],
      clientId: 'commercebridge',
      ssl: { ca: 'PEM', rejectUnauthorized: false },
      sasl: { mechanism: 'scram-sha-256', username: 'u', password: 'p' },
    });
    expect(typeof createKafkaClient(settings).admin).toBe('function');
    expect(() => createKafkaClient({ brokers: [] })).toThrow(ConfigError);
  });

  it('checks options with the rule of their variable', () => {
    expect(checkOption(VARIABLES.KAFKA_MAX_BATCH_SIZE.rule, 500, '/relay/batchSize')).toBe(500);
    expect(() => checkOption(VARIABLES.KAFKA_MAX_BATCH_SIZE.rule, 0, '/relay/batchSize')).toThrow(
      '/relay/batchSize must be an integer between 1 and 10000 (got 0)',
    );
  });
});

describe('redact', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/app', 'postgres://app:***@db:5432/app'],
    ['connect to http://u:p%40ss@registry/x failed', 'connect to http://u:***@registry/x failed'],
    ["host=db password='a b' user=app", 'host=db password=*** user=app'],
    ['postgres://app@db/app', 'postgres://app@db/app'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});
