// Errors of a secured cluster that no retry can cure (wrong password, a CA the client does not trust, a
// missing ACL), recognised in kafkajs's errors and raised as one typed error that names what failed and the fix.
import type { KafkaSettings } from './kafka.ts';
import { redact } from './redact.ts';

export const KAFKA_ACCESS_CODES = [
  'KAFKA_AUTHENTICATION_FAILED',
  'KAFKA_TLS_FAILED',
  'KAFKA_AUTHORIZATION_FAILED',
] as const;
export type KafkaAccessCode = (typeof KAFKA_ACCESS_CODES)[number];

/** The brokers refused this client: its credentials, its trust in their certificate, or its ACLs. */
export class KafkaAccessError extends Error {
  override readonly name = 'KafkaAccessError';
  readonly code: KafkaAccessCode;
  /** It repeats until the operator changes the credentials, the CA or the ACLs. */
  readonly retriable = false;
  /** The bootstrap brokers of the client. */
  readonly brokers: readonly string[];
  /** The SASL user, when there is one (never the password). */
  readonly principal: string | undefined;
  /** The Kafka error kind behind it (`SASL_AUTHENTICATION_FAILED`, `SELF_SIGNED_CERT_IN_CHAIN`, `TOPIC_AUTHORIZATION_FAILED`). */
  readonly reason: string;

  constructor(
    code: KafkaAccessCode,
    message: string,
    details: { brokers: readonly string[]; principal: string | undefined; reason: string; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.brokers = details.brokers;
    this.principal = details.principal;
    this.reason = details.reason;
    // What the message says is all there is: a stack of kafkajs internals helps nobody fix an ACL.
    this.stack = `${this.name} [${code}]: ${message}`;
  }
}

export function isKafkaAccessError(error: unknown): error is KafkaAccessError {
  return error instanceof KafkaAccessError;
}

// Node's TLS verification codes (and OpenSSL's alert texts) of a broker certificate the client cannot trust.
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
]);
const TLS_TEXT = /certificate|self[- ]signed|wrong version number|ssl routines|tls alert|handshake/i;

const AUTHORIZATION = {
  TOPIC_AUTHORIZATION_FAILED:
    'an ACL on the topic (WRITE to publish, READ and DESCRIBE to consume, CREATE to create it)',
  GROUP_AUTHORIZATION_FAILED: 'READ on the consumer group',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'WRITE and DESCRIBE on the transactional id (prefix)',
  CLUSTER_AUTHORIZATION_FAILED:
    'IDEMPOTENT_WRITE on the cluster (implied by WRITE on any topic), or the cluster operation it asked for',
  DELEGATION_TOKEN_AUTHORIZATION_FAILED: 'the delegation-token ACL',
} as const;
const AUTHENTICATION = new Set([
  'SASL_AUTHENTICATION_FAILED',
  'UNSUPPORTED_SASL_MECHANISM',
  'ILLEGAL_SASL_STATE',
]);

type Err = {
  name?: string;
  message?: string;
  type?: string;
  code?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
};

/** The error and its causes (kafkajs wraps: retries exceeded → non-retriable → protocol/connection error). */
function* chain(error: unknown, seen = new Set<unknown>()): Generator<Err> {
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    yield current as Err;
    const e = current as Err;
    // An aggregate (createTopics, a batch of partitions) holds one error per item.
    if (Array.isArray(e.errors)) for (const item of e.errors) yield* chain(item, seen);
    current = e.cause ?? e.originalError;
  }
}

/**
 * The KafkaAccessError an error of kafkajs stands for, or undefined when it is of another kind (a broker that
 * is down is not an access error: it may come back). `doing` says what the client was doing (`publishing to
 * orders`), for the message.
 */
export function toKafkaAccessError(
  error: unknown,
  settings: Pick<KafkaSettings, 'brokers' | 'sasl' | 'ssl'>,
  doing?: string,
): KafkaAccessError | undefined {
  if (error instanceof KafkaAccessError) return error;
  const brokers = settings.brokers;
  const principal = settings.sasl?.username;
  const at = `Kafka at ${brokers.join(',')}`;
  const while_ = doing ? ` while ${doing}` : '';
  for (const e of chain(error)) {
    const type = typeof e.type === 'string' ? e.type : undefined;
    const code = typeof e.code === 'string' ? e.code : undefined;
    const text = redact(String(e.message ?? ''));
    if (e.name === 'KafkaJSSASLAuthenticationError' || (type && AUTHENTICATION.has(type))) {
      const mechanism = settings.sasl?.mechanism ?? 'SASL';
      return new KafkaAccessError(
        'KAFKA_AUTHENTICATION_FAILED',
        `${at} rejected the ${mechanism} login of user "${principal ?? '?'}"${while_}: ${text}. Check the SASL ` +
          'username, password and mechanism (KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_SASL_MECHANISM, or the kafka.sasl option)',
        { brokers, principal, reason: type ?? 'SASL_AUTHENTICATION_FAILED', cause: error },
      );
    }
    if (type && type in AUTHORIZATION) {
      const needs = AUTHORIZATION[type as keyof typeof AUTHORIZATION];
      return new KafkaAccessError(
        'KAFKA_AUTHORIZATION_FAILED',
        `${at} refused user "${principal ?? 'ANONYMOUS'}"${while_} (${type}): the principal lacks ${needs}. ` +
          `Grant User:${principal ?? 'ANONYMOUS'} that ACL, or use a principal that has it`,
        { brokers, principal, reason: type, cause: error },
      );
    }
    if (
      settings.ssl &&
      ((code && TLS_CODES.has(code)) || (e.name === 'KafkaJSConnectionError' && TLS_TEXT.test(text)))
    ) {
      const fix =
        code === 'ERR_TLS_CERT_ALTNAME_INVALID'
          ? "connect by a name the broker's certificate holds, or set kafka.ssl.servername"
          : code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
            ? "renew the broker's certificate"
            : "set KAFKA_SSL_CA_FILE (or kafka.ssl.ca) to the CA that signed the brokers' certificates";
      return new KafkaAccessError(
        'KAFKA_TLS_FAILED',
        `TLS handshake with ${at} failed${while_}: ${text.replace(/^Connection error: /, '')}. Fix: ${fix}`,
        { brokers, principal, reason: code ?? 'TLS_HANDSHAKE_FAILED', cause: error },
      );
    }
  }
  return undefined;
}
