export const ROLES = ['intake', 'test-engineer', 'finance', 'admin', 'viewer'] as const;

export type Role = (typeof ROLES)[number];
