// A small client for the Confluent schema-registry REST API (also served by Apicurio under /apis/ccompat/v7).
// Plain fetch: the calls are few, and framing is done by this package (framing.ts).
import { SchemaError } from './errors.ts';
import { DEFAULT_REGISTRY_TIMEOUT_MS } from './options.ts';

export interface SchemaReference {
  /** The import path as written in the importing file. */
  name: string;
  subject: string;
  version: number;
}

export interface RegisteredSchema {
  schema: string;
  schemaType?: string;
  references?: SchemaReference[];
}

export interface RegistryClientOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export class RegistryClient {
  readonly url: string;
  readonly #timeoutMs: number;
  readonly #headers: Record<string, string>;

  constructor(url: string, options: RegistryClientOptions = {}) {
    this.url = url.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
    this.#headers = options.headers ?? {};
  }

  /** Registers a schema under a subject (idempotent: the same schema returns its existing id). */
  async register(subject: string, schema: string, references: SchemaReference[]): Promise<number> {
    const body = await this.#request<{ id: number }>(
      'POST',
      `/subjects/${encodeURIComponent(subject)}/versions`,
      { schema, schemaType: 'PROTOBUF', references },
      subject,
    );
    return body.id;
  }

  /** The id and version under which a subject already holds this schema. */
  async lookup(
    subject: string,
    schema: string,
    references: SchemaReference[],
  ): Promise<{ id: number; version: number }> {
    return this.#request(
      'POST',
      `/subjects/${encodeURIComponent(subject)}`,
      { schema, schemaType: 'PROTOBUF', references },
      subject,
    );
  }

  async setCompatibility(subject: string, compatibility: string): Promise<void> {
    await this.#request('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility }, subject);
  }

  async schemaById(id: number): Promise<RegisteredSchema> {
    return this.#request('GET', `/schemas/ids/${id}`, undefined, `schema id ${id}`);
  }

  async schemaOfSubject(
    subject: string,
    version: number | 'latest',
  ): Promise<RegisteredSchema & { version: number; id: number }> {
    return this.#request(
      'GET',
      `/subjects/${encodeURIComponent(subject)}/versions/${version}`,
      undefined,
      subject,
    );
  }

  async subjects(): Promise<string[]> {
    return this.#request('GET', '/subjects', undefined, 'subjects');
  }

  /**
   * Whether a schema may be registered as the subject's next version under its compatibility level.
   * A subject without versions accepts anything.
   */
  async isCompatible(subject: string, schema: string, references: SchemaReference[]): Promise<boolean> {
    try {
      const body = await this.#request<{ is_compatible: boolean }>(
        'POST',
        `/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest`,
        { schema, schemaType: 'PROTOBUF', references },
        subject,
      );
      return body.is_compatible;
    } catch (error) {
      if (
        error instanceof SchemaError &&
        error.code === 'SCHEMA_REGISTRY_REJECTED' &&
        /\b404\b/.test(error.message)
      ) {
        return true;
      }
      throw error;
    }
  }

  async #request<T>(method: string, path: string, body: unknown, what: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: { accept: CONTENT_TYPE, 'content-type': CONTENT_TYPE, ...this.#headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new SchemaError(
        'SCHEMA_REGISTRY_UNAVAILABLE',
        `schema registry at ${this.url} did not answer ${method} ${path}: ${(error as Error).message}`,
        { field: what, cause: error },
      );
    }
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : {}) as T;
    const detail = `${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`;
    if (response.status >= 500 || response.status === 429) {
      throw new SchemaError('SCHEMA_REGISTRY_UNAVAILABLE', `schema registry: ${detail}`, { field: what });
    }
    if (response.status === 409) {
      throw new SchemaError(
        'SCHEMA_INCOMPATIBLE',
        `${what}: the registry rejected the schema as incompatible: ${detail}`,
        {
          field: what,
        },
      );
    }
    throw new SchemaError('SCHEMA_REGISTRY_REJECTED', `${what}: schema registry: ${detail}`, { field: what });
  }
}
