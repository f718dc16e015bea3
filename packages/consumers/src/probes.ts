// What the consumer's /healthz and /readyz report, from kafkajs' instrumentation events: group membership
// (GROUP_JOIN, REBALANCING), fetches (FETCH) and crashes (CRASH, with kafkajs' decision to restart or not).
import type { Consumer as KafkaConsumer } from 'kafkajs';
import type { Logger } from './types.ts';

export interface Readiness {
  [field: string]: unknown;
  /** Joined the group (not in a rebalance) and ran a fetch since; not crashed, not stopping. */
  ready: boolean;
  groupId: string;
  /** This member's id in the group, once joined. */
  memberId: string | null;
  /** Partitions assigned to this member, by topic. */
  assignment: Record<string, number[]>;
}

export interface Health {
  [field: string]: unknown;
  /** False after a crash kafkajs does not restart from: the consume loop is gone for good. */
  ok: boolean;
  groupId: string;
  error?: string;
  crashedAt?: string;
}

export class ConsumerProbes {
  private memberId: string | null = null;
  private assignment: Record<string, number[]> = {};
  private joined = false;
  private fetchedSinceJoin = false;
  private stopping = false;
  private fatal: { error: Error; at: Date } | undefined;
  private readonly groupId: string;
  private readonly log: Logger;

  constructor(groupId: string, log: Logger) {
    this.groupId = groupId;
    this.log = log;
  }

  /** Follows a kafkajs consumer from now on (one per start). */
  watch(consumer: KafkaConsumer): void {
    this.stopping = false;
    this.fatal = undefined;
    this.joined = false;
    this.fetchedSinceJoin = false;
    const { events } = consumer;
    consumer.on(events.GROUP_JOIN, (event) => {
      this.memberId = event.payload.memberId;
      this.assignment = event.payload.memberAssignment as Record<string, number[]>;
      this.joined = true;
      this.fetchedSinceJoin = false;
    });
    consumer.on(events.REBALANCING, () => {
      this.joined = false;
    });
    consumer.on(events.FETCH, () => {
      if (this.joined) this.fetchedSinceJoin = true;
    });
    consumer.on(events.CRASH, (event) => {
      this.joined = false;
      if (event.payload.restart) return;
      this.fatal = { error: event.payload.error, at: new Date() };
      this.log.error(
        {
          error: event.payload.error.message,
          errorName: event.payload.error.name,
        },
        'consumer crashed and will not restart: /healthz answers 503; restart the process',
      );
    });
  }

  /** stop() began: not ready any more. */
  stopped(): void {
    this.stopping = true;
    this.joined = false;
  }

  readiness(): Readiness {
    return {
      ready: this.joined && this.fetchedSinceJoin && !this.stopping && this.fatal === undefined,
      groupId: this.groupId,
      memberId: this.memberId,
      assignment: this.assignment,
    };
  }

  health(): Health {
    if (!this.fatal) return { ok: true, groupId: this.groupId };
    return {
      ok: false,
      groupId: this.groupId,
      error: `${this.fatal.error.name}: ${this.fatal.error.message}`,
      crashedAt: this.fatal.at.toISOString(),
    };
  }
}
