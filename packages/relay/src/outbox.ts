// The relay's only door to the outbox package: claim, mark, backlog, promotion and the NOTIFY channel.
export {
  type ClaimedEvent,
  claimBatch,
  type Executor,
  fromPg,
  markPublished,
  notifyChannel,
  outboxBacklog,
  promoteDueScheduled,
  type SlotBacklog,
} from '@commercebridge/outbox';
