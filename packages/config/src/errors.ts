/** The one error of @commercebridge/config: a variable or an option with a value its rule rejects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID' as const;
  /** A configuration error repeats until the operator changes the value: never worth a retry. */
  readonly retriable = false;
  /** The environment variable (`KAFKA_BROKERS`) or option path (`/relay/kafka/brokers`) at fault. */
  readonly variable: string;

  constructor(variable: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.variable = variable;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}
