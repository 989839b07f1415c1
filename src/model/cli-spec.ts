// The CLI as data (commands, flags, help texts), as src/commands/cli-spec.ts reads it off the program: what
// the shell completions and the man page are written from.

/** One flag of a command. */
export interface FlagSpec {
  long?: string;
  short?: string;
  /** It takes a value (`--category <name>`). */
  takesValue: boolean;
  /** The values it takes, when they are a fixed list (--format, --flow). */
  choices?: readonly string[];
  /** Its value is a file or folder path (--data, --output, --categories). */
  path: boolean;
  description: string;
}

/** One command: its name, one-line summary, flags, arguments and whole help text. */
export interface CommandSpec {
  name: string;
  summary: string;
  flags: FlagSpec[];
  /** Its positional arguments' fixed choices, when it has them (completion bash|zsh|fish). */
  argumentChoices: readonly string[];
  /** It takes paths as arguments (validate FILE...). */
  pathArguments: boolean;
  help: string;
}

export interface CliSpec {
  name: string;
  description: string;
  help: string;
  commands: CommandSpec[];
}
