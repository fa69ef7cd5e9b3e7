export const CATEGORIES = ['performance', 'power', 'thermal', 'reliability', 'network', 'cost'] as const;
export type Category = (typeof CATEGORIES)[number];
