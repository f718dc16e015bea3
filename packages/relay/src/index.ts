// Public API of @commercebridge/relay: see README.md.
export {};
