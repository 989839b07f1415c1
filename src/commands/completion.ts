import { Argument, type Command } from 'commander';
import { SHELLS } from '../output/shells.js';
import { actLazy, type CommandHelp, command } from './command.js';
import type { Context } from './context.js';

const HELP: CommandHelp = {
  summary: 'print a shell completion script (bash, zsh, fish)',
  description:
    'Prints a completion script for the shell: commands, flags, the values of --format, --flow and --category, and file names where a flag takes a path. Generated from the commands themselves.',
  examples: `
  # bash: for this shell, then for every new one
  $ source <(korus-stats completion bash)
  $ korus-stats completion bash > ~/.local/share/bash-completion/completions/korus-stats
  # zsh (a folder on $fpath), fish
  $ korus-stats completion zsh > "\${fpath[1]}/_korus-stats"
  $ korus-stats completion fish > ~/.config/fish/completions/korus-stats.fish`,
};

/** Registers `completion` and the hidden `man-page` (which writes man/korus-stats.1) on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'completion', HELP).addArgument(
    new Argument('<shell>', 'the shell').choices(SHELLS),
  );
  cmd.helpOption('-h, --help', 'display help for command');
  actLazy(cmd, ctx, () => import('./completion-run.js'));
  const man = program.command('man-page', { hidden: true }).description('the man page, in troff');
  actLazy(man, ctx, () => import('./man-page-run.js'));
}
