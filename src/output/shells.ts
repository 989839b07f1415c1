// The shells `completion` writes for: known when the command is declared, so declaring it loads no writer.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
