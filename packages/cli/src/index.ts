// Public API of @commercebridge/cli: see README.md.
export {};
