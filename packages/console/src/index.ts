// Public API of @commercebridge/console: see README.md.
export {};
