// Services from Docker containers, for machines with a Docker engine and no local stack running.
// Loaded only when a Docker engine answers: without one, nothing here runs and nothing tries Docker.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { StackEnv } from './stack-env.ts';

/** True when a Docker engine answers GET /_ping on DOCKER_HOST (unix socket) or /var/run/docker.sock. */
export async function dockerEngineAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  const socketPath = host?.startsWith('unix://')
    ? host.slice('unix://'.length)
    : host
      ? undefined
      : '/var/run/docker.sock';
  if (!socketPath || !existsSync(socketPath)) return false;
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** Starts Postgres, Kafka (KRaft) and the Apicurio registry in containers; returns their addresses and a stop. */
export async function startContainers(): Promise<{ env: StackEnv; stop: () => Promise<void> }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const [postgres, kafka, registry] = await Promise.all([
    new PostgreSqlContainer('postgres:15').withCommand(['postgres', '-c', 'wal_level=logical']).start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0')
      .withKraft()
      .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false', KAFKA_NUM_PARTITIONS: '3' })
      .start(),
    new GenericContainer('apicurio/apicurio-registry:3.0.9')
      .withExposedPorts(8080)
      .withWaitStrategy(Wait.forHttp('/apis/ccompat/v7/subjects', 8080))
      .start(),
  ]);
  return {
    env: {
      DATABASE_URL: postgres.getConnectionUri(),
      KAFKA_BROKERS: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      SCHEMA_REGISTRY_URL: `http://${registry.getHost()}:${registry.getMappedPort(8080)}/apis/ccompat/v7`,
    },
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop(), registry.stop()]);
    },
  };
}
