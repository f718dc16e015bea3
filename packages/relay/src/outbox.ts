// The relay's only door to the outbox package: claim, mark, backlog, promotion, parking and the NOTIFY channel.
export {
  ADVISORY_LOCK_CLASSID,
  BEHIND_PARKED_CODE,
  type ClaimedEvent,
  claimBatch,
  type Executor,
  fromPg,
  markPublished,
  notifyChannel,
  outboxBacklog,
  type ParkedHead,
  type ParkRequest,
  parkEvents,
  parkedCounts,
  parkedHeads,
  promoteDueScheduled,
  type SlotBacklog,
} from '@commercebridge/outbox';
