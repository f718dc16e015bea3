// Public API of @commercebridge/outbox: see README.md.
export {};
