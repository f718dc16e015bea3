// Public API of @commercebridge/schemas: see README.md.
export {};
