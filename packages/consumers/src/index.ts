// Public API of @commercebridge/consumers: see README.md.
export {};
