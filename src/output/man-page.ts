import type { CliSpec } from '../model/cli-spec.js';

// The man page (man/korus-stats.1), generated from the same help text --help prints (cli-spec.ts): the
// program's help, then each command's, as they are, in no-fill blocks.

/** Text as troff reads it literally: backslashes doubled, a leading dot or quote guarded. */
function roff(text: string): string {
  return text
    .replaceAll('\\', '\\e')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

/** The man page in troff (man macros). */
export function manPage(spec: CliSpec, version: string): string {
  const out = [
    `.TH ${spec.name.toUpperCase()} 1 "" "${spec.name} ${version}" "User Commands"`,
    '.SH NAME',
    `${spec.name} \\- ${roff(spec.description.split('. ')[0]?.replace(/\.$/, '') ?? '')}`,
    '.SH SYNOPSIS',
    `.B ${spec.name}`,
    '.I command',
    '[options]',
    '.SH DESCRIPTION',
    roff(spec.description),
    '.PP',
    '.nf',
    roff(spec.help.trimEnd()),
    '.fi',
    '.SH COMMANDS',
  ];
  for (const c of spec.commands) {
    out.push(`.SS ${c.name}`, roff(c.summary), '.PP', '.nf', roff(c.help.trimEnd()), '.fi');
  }
  out.push(
    '.SH EXIT STATUS',
    '0 success (also --help, --version, and a closed pipe); 1 a check failed or the data is invalid; 2 could not run (usage, unreadable or malformed input).',
    '.SH SEE ALSO',
    'The README and docs/ of the project: docs/options.md, docs/json.md, docs/commands/.',
  );
  return `${out.join('\n')}\n`;
}
