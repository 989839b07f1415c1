// What korus-stats answers before loading anything else: `--version` alone, which a CI job or a shell
// script asks for on its own. Everything else goes to the CLI (cli.ts), which answers `--version` too.

import { VERSION } from './version.js';

/** The text to print for these arguments without building the CLI, or undefined when the CLI must run. */
export function quickAnswer(argv: readonly string[]): string | undefined {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return `${VERSION}\n`;
  return undefined;
}
