import type { Logger } from '@commercebridge/config';
import { messageOf, type RelayError } from './errors.ts';
import type { RelayMetrics } from './metrics.ts';
import type { ClaimedEvent } from './outbox.ts';
import type { SlotStall } from './types.ts';

interface Failing {
  since: Date;
  attempts: number;
  error: RelayError;
  event: ClaimedEvent | null;
  /** Parking will resolve it (unpublishable = park and the failure is about an event or a topic). */
  parkable: boolean;
}

/**
 * Whether a slot is stalled, and why. A slot fails, retries, fails again: it is *failing* from its first failure
 * until it next completes a round (publishes, parks, or finds nothing to do). It is *stalled* once it has been
 * failing for `timeoutMs`, or at once when the error is not retriable, unless parking will resolve the failure:
 * then the bound is when the event is parked (`onDue` cuts the slot's backoff short so that it parks now).
 * Stalled: the gauge is 1, `/readyz` names the slot, and one `slot.stalled` line is logged at error level; the
 * next completed round logs `slot.resumed` and clears it.
 */
export class StallTracker {
  private failing: Failing | null = null;
  private stalled = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly label: { slot: string };

  constructor(
    private readonly slot: number,
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly metrics: RelayMetrics,
    private readonly onDue: () => void,
  ) {
    this.label = { slot: String(slot) };
    metrics.slotStalled.set(this.label, 0);
  }

  /** A failed round. `event`: the event it is about (or the head of the batch), when known. */
  failed(
    error: RelayError,
    event: ClaimedEvent | null,
    options: { parkable: boolean; hopeless: boolean },
  ): void {
    if (!this.failing) {
      this.failing = { since: new Date(), attempts: 0, error, event, parkable: options.parkable };
      this.timer = setTimeout(() => this.due(), this.timeoutMs);
      this.timer.unref();
    }
    const failing = this.failing;
    failing.attempts += 1;
    failing.error = error;
    failing.event = event ?? failing.event;
    failing.parkable = options.parkable;
    const overdue = Date.now() - failing.since.getTime() >= this.timeoutMs;
    if (!options.parkable && (options.hopeless || overdue)) this.escalate();
  }

  /** A round completed: the slot is not stuck (any more). */
  progressed(): void {
    if (!this.failing) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stalled) {
      this.metrics.slotStalled.set(this.label, 0);
      this.log.info(
        {
          slot: this.slot,
          stalledMs: Date.now() - this.failing.since.getTime(),
        },
        'slot.resumed',
      );
    }
    this.failing = null;
    this.stalled = false;
  }

  /** The reason, while stalled. */
  view(): SlotStall | null {
    const failing = this.failing;
    if (!this.stalled || !failing) return null;
    return {
      slot: this.slot,
      since: failing.since.toISOString(),
      eventId: failing.event?.eventId ?? null,
      eventType: failing.event?.eventType ?? null,
      topic: failing.event?.topic ?? null,
      position: failing.event?.position ?? null,
      code: failing.error.code,
      message: messageOf(failing.error),
      retriable: failing.error.retriable,
      attempts: failing.attempts,
    };
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.metrics.slotStalled.remove(this.label);
  }

  private due(): void {
    this.timer = null;
    if (!this.failing) return;
    if (this.failing.parkable) this.onDue();
    else this.escalate();
  }

  private escalate(): void {
    if (this.stalled || !this.failing) return;
    this.stalled = true;
    this.metrics.slotStalled.set(this.label, 1);
    const view = this.view();
    this.log.error({ ...view, error: view?.message, message: undefined }, 'slot.stalled');
  }
}
