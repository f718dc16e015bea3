import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  KafkaAccessError,
  kafkaLogCreator,
  kafkaLogLevel,
  toKafkaAccessError,
} from '../src/index.ts';

function capture(level: 'debug' | 'info' = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level,
    component: 'test',
    destination: (line) => lines.push(JSON.parse(line)),
  });
  return { lines, logger };
}

describe('createLogger', () => {
  it('writes one JSON line per call in pino order, with time, level name, component and bound ids', () => {
    const { lines, logger } = capture('info');
    const child = logger.child({ relayId: 'r-1' });
    child.info({ slot: 3 }, 'slot.acquired');
    child.info('relay.ready');
    child.debug('not written at info');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      component: 'test',
      relayId: 'r-1',
      slot: 3,
      msg: 'slot.acquired',
    });
    expect(Date.parse(String(lines[0]?.['time']))).not.toBeNaN();
    expect(lines[1]).toMatchObject({ msg: 'relay.ready' });
  });

  it('removes secrets: fields named like one, URL passwords, authorization tokens, in messages and errors', () => {
    const { lines, logger } = capture();
    logger.warn(
      {
        kafka: { sasl: { mechanism: 'scram-sha-512', username: 'app', password: 'pw-one' } },
        headers: { authorization: 'Bearer pw-two' },
        url: 'https://user:pw-three@registry:8081',
        error: new Error('connect postgres://app:pw-four@db/app failed'),
        token: 'pw-five',
        note: 'password=pw-six',
      },
      'reached https://u:pw-seven@host',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['pw-one', 'pw-two', 'pw-three', 'pw-four', 'pw-five', 'pw-six', 'pw-seven'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      kafka: { sasl: { username: 'app', password: '***' } },
      error: expect.any(String),
    });
  });
});

describe('kafkajs log levels', () => {
  const entry = (level: number, message: string, extra: Record<string, unknown> = {}) => ({
    level,
    log: { message, ...extra },
  });

  it.each([
    [
      entry(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', {
        error: "The coordinator is loading and hence can't process requests",
        retryCount: 0,
      }),
      'debug',
    ],
    [
      entry(logLevel.ERROR, 'Response FindCoordinator', { error: 'The coordinator is not available' }),
      'debug',
    ],
    [
      entry(logLevel.ERROR, 'Crash: KafkaJSProtocolError: The group is rebalancing, so a rejoin is needed', {
        retryCount: 0,
      }),
      'warn',
    ],
    [
      entry(logLevel.ERROR, '[Connection] Response Produce', {
        error: 'The request timed out',
        retryCount: 1,
        retryTime: 300,
      }),
      'warn',
    ],
    [entry(logLevel.ERROR, 'Crash: KafkaJSNonRetriableError: Topic authorization failed'), 'error'],
    [entry(logLevel.WARN, 'Limiting retries for the idempotent producer'), 'debug'],
    // A topic created a moment ago, before its metadata reached the broker asked (the relay's state topic).
    [
      entry(logLevel.ERROR, 'Response Metadata(key: 3, version: 6)', {
        error: 'This server does not host this topic-partition',
      }),
      'debug',
    ],
    // Two processes creating the same topic at once: the loser's answer is TOPIC_ALREADY_EXISTS, which the caller
    // (createTopicsAndWait) takes as success; any other refusal reaches the caller, which raises it.
    [
      entry(logLevel.ERROR, 'Response CreateTopics(key: 19, version: 3)', { error: 'Topic creation errors' }),
      'debug',
    ],
    // A slot's producer taken over while the coordinator still completes the previous holder's transaction
    // (CONCURRENT_TRANSACTIONS): kafkajs retries InitProducerId.
    [
      entry(logLevel.ERROR, 'Response InitProducerId(key: 22, version: 1)', {
        error:
          'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
      }),
      'debug',
    ],
    [entry(logLevel.WARN, 'Failed to commit offsets'), 'warn'],
    [entry(logLevel.INFO, 'Consumer has joined the group'), 'debug'],
  ])('%j → %s', (e, expected) => {
    expect(kafkaLogLevel(e)).toBe(expected);
  });

  it('routes entries through the logger with their namespace, without the stack of a downgraded one', () => {
    const { lines, logger } = capture();
    const log = kafkaLogCreator(logger)(logLevel.DEBUG);
    log({
      namespace: 'Runner',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: 'x',
        logger: 'kafkajs',
        message: 'The group is rebalancing, re-joining',
        stack: 'at ...',
      },
    });
    expect(lines[0]).toMatchObject({
      level: 'debug',
      kafkajs: 'Runner',
      msg: 'The group is rebalancing, re-joining',
    });
    expect(lines[0]).not.toHaveProperty('stack');
  });
});

describe('toKafkaAccessError', () => {
  const settings = {
    brokers: ['127.0.0.1:19094'],
    ssl: true,
    sasl: { mechanism: 'scram-sha-512' as const, username: 'app', password: 'pw-secret' },
  };

  it('names authentication, TLS and authorization failures, never the password', () => {
    const auth = toKafkaAccessError(
      Object.assign(new Error('SASL SCRAM SHA512 authentication failed: invalid credentials'), {
        name: 'KafkaJSSASLAuthenticationError',
      }),
      settings,
    );
    const tls = toKafkaAccessError(
      Object.assign(new Error('Connection error: self-signed certificate in certificate chain'), {
        name: 'KafkaJSConnectionError',
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
      }),
      settings,
    );
    const denied = toKafkaAccessError(
      {
        name: 'KafkaJSNumberOfRetriesExceeded',
        message: 'x',
        cause: {
          name: 'KafkaJSProtocolError',
          type: 'TOPIC_AUTHORIZATION_FAILED',
          message: 'Not authorized to access topics',
        },
      },
      settings,
      'publishing',
    );
    expect(auth).toBeInstanceOf(KafkaAccessError);
    expect(auth).toMatchObject({ code: 'KAFKA_AUTHENTICATION_FAILED', principal: 'app', retriable: false });
    expect(auth?.message).toContain('KAFKA_SASL_PASSWORD');
    expect(tls).toMatchObject({ code: 'KAFKA_TLS_FAILED', reason: 'SELF_SIGNED_CERT_IN_CHAIN' });
    expect(tls?.message).toContain('KAFKA_SSL_CA_FILE');
    expect(denied).toMatchObject({
      code: 'KAFKA_AUTHORIZATION_FAILED',
      reason: 'TOPIC_AUTHORIZATION_FAILED',
    });
    expect(denied?.message).toContain('User:app');
    for (const error of [auth, tls, denied])
      expect(`${error?.message} ${error?.stack}`).not.toContain('pw-secret');
  });

  it('leaves other errors alone: a broker that is down may come back', () => {
    const down = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:19094'), {
      name: 'KafkaJSConnectionError',
      code: 'ECONNREFUSED',
    });
    expect(toKafkaAccessError(down, settings)).toBeUndefined();
  });
});
