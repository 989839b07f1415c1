// validate's report written as the problems are found: JSON and JUnit stream every listed problem, GitHub
// streams its annotations, text keeps the listed ones (at most --max-errors) to group them by file and code.
// Memory is that of one chunk of output, not of the problems: the caller awaits `flush` between chunks.

import { once } from 'node:events';
import type { ChalkInstance } from 'chalk';
import type { OutStream } from '../io.js';
import type { Problem } from '../model/problems.js';
import { GITHUB_ANNOTATION_LIMIT, githubAnnotation } from './ci-formats.js';
import { count, counted } from './format.js';
import {
  problemJson,
  renderText,
  reportTail,
  summaryLine,
  VALIDATE_SCHEMA_VERSION,
  type ValidationReport,
} from './report.js';
import { escapeJsonText, guardLines, xmlText } from './safe.js';

/** Takes the listed problems as they are found and writes the report around them. */
export interface ProblemWriter {
  /** A file is being checked: what comes until `fileEnd` is its (JUnit: its test case). */
  fileStart(name: string): void;
  fileEnd(name: string): void;
  /** One listed problem. */
  problem(p: Problem): void;
  /** Writes what is pending; resolves once the stream has taken it (so output never piles up). */
  flush(): Promise<void>;
  /** Writes the end of the report: summary, counts, verdict. */
  end(r: ValidationReport): Promise<void>;
}

/** How many bytes of output wait before they are written. */
const PENDING_BYTES = 1 << 16;

/**
 * Output written in chunks of 64 KiB as it comes (short-lived strings are cheap to collect); when the
 * stream says it is full, `flush` waits for it to drain, so a slow reader holds the run, not memory.
 */
class Pending {
  private text = '';
  private full = false;
  constructor(private readonly out: OutStream) {}
  add(more: string): void {
    this.text += more;
    // Once the stream is full, what comes waits here until `flush`: a stream's queue of writes costs more
    // than the text (a pipe to a slow reader grew to 330 MB for 80 MB of input when written as it came).
    if (!this.full && this.text.length >= PENDING_BYTES) this.write();
  }
  write(): void {
    if (!this.text) return;
    if (!this.out.write(this.text)) this.full = true;
    this.text = '';
  }
  async flush(): Promise<void> {
    for (;;) {
      if (this.full) {
        // Only while the stream still asks for it: a drain that came already will not come again.
        if (this.out.writableNeedDrain && !this.out.destroyed) await once(this.out, 'drain');
        this.full = false;
      }
      if (!this.text) return;
      this.write();
    }
  }
}

/** The writer of a report format. */
export function problemWriter(
  format: string,
  out: OutStream,
  c: ChalkInstance,
  strict: boolean,
): ProblemWriter {
  if (format === 'json') return new JsonWriter(out);
  if (format === 'junit') return new JunitWriter(out, strict);
  if (format === 'github') return new GithubWriter(out);
  return new TextWriter(out, c);
}

abstract class Base implements ProblemWriter {
  protected readonly pending: Pending;
  constructor(out: OutStream) {
    this.pending = new Pending(out);
  }
  fileStart(_name: string): void {}
  fileEnd(_name: string): void {}
  abstract problem(p: Problem): void;
  flush(): Promise<void> {
    return this.pending.flush();
  }
  async end(r: ValidationReport): Promise<void> {
    this.pending.add(this.tail(r));
    this.pending.write();
    await this.pending.flush();
  }
  protected abstract tail(r: ValidationReport): string;
}

/** The JSON report of docs/json.md, its `problems` first, so they can be written as they come. */
class JsonWriter extends Base {
  private count = 0;
  constructor(out: OutStream) {
    super(out);
    this.pending.add(
      `{\n  "schemaVersion": ${VALIDATE_SCHEMA_VERSION},\n  "command": "validate",\n  "problems": [`,
    );
  }
  problem(p: Problem): void {
    // One problem a line: a million of them stay readable with grep, and are written fast.
    this.pending.add(`${this.count++ ? ',' : ''}\n    ${escapeJsonText(problemJson(p))}`);
  }
  protected tail(r: ValidationReport): string {
    const rest = escapeJsonText(JSON.stringify(reportTail(r), null, 2));
    return `${this.count ? '\n  ' : ''}],\n${rest.slice(2)}\n`;
  }
}

/** GitHub annotations as found; GitHub shows the first few of a step, the notice and summary say the rest. */
class GithubWriter extends Base {
  problem(p: Problem): void {
    this.pending.add(
      githubAnnotation(
        p.severity === 'error' ? 'error' : 'warning',
        p.hint ? `${p.message} (${p.hint})` : p.message,
        { file: p.file, line: p.line, column: p.column, title: `korus-stats ${p.code}` },
      ),
    );
  }
  protected tail(r: ValidationReport): string {
    const notice =
      r.counts.errors > GITHUB_ANNOTATION_LIMIT || r.listed < r.counts.errors + r.counts.warnings
        ? githubAnnotation(
            'notice',
            `${counted(r.counts.errors, 'error')} in all (and ${counted(r.counts.warnings, 'warning')}), ${count(r.listed)} annotated (--max-errors); GitHub shows the first ${GITHUB_ANNOTATION_LIMIT} of a step as annotations: see the step summary`,
          )
        : '';
    // Only annotations on stdout: the summary is a notice too (a raw line could hold a forged command).
    return `${notice}${githubAnnotation('notice', summaryLine(r), { title: 'korus-stats validate' })}`;
  }
}

/** Text: the listed problems are few (--max-errors), kept to be grouped by file and code at the end. */
class TextWriter extends Base {
  private readonly listed: Problem[] = [];
  constructor(
    out: OutStream,
    private readonly c: ChalkInstance,
  ) {
    super(out);
  }
  problem(p: Problem): void {
    this.listed.push(p);
  }
  protected tail(r: ValidationReport): string {
    // A file name from the data may start a line: no CI runner may read it as a workflow command.
    return guardLines(renderText(r, this.listed, this.c));
  }
}

/**
 * JUnit XML, streamed: one test case per file, its failure's text the file's problems as they are found;
 * problems found after the files were read (the checks across rows) are a last test case. The counts are in
 * the last case's system-out and the summary, since the suite's opening tag is written before they are known.
 */
class JunitWriter extends Base {
  private file: string | undefined;
  private open = false;
  constructor(
    out: OutStream,
    private readonly strict: boolean,
  ) {
    super(out);
    this.pending.add(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="korus-stats validate">\n  <testsuite name="korus-stats validate">\n',
    );
  }
  override fileStart(name: string): void {
    this.file = name;
  }
  override fileEnd(name: string): void {
    this.pending.add(
      this.open
        ? '</failure>\n    </testcase>\n'
        : `    <testcase name="${xmlText(name)}" classname="korus-stats.validate"/>\n`,
    );
    this.open = false;
    this.file = undefined;
  }
  problem(p: Problem): void {
    if (p.severity !== 'error' && !this.strict) return;
    const name = this.file ?? 'checks across rows';
    if (!this.open) {
      this.pending.add(
        `    <testcase name="${xmlText(name)}" classname="korus-stats.validate">\n      <failure message="${xmlText(`problems in ${name}`)}" type="${xmlText(p.code)}">`,
      );
      this.open = true;
    }
    const where = `${p.file}${p.line ? `:${p.line}` : ''}${p.line && p.column ? `:${p.column}` : ''}`;
    this.pending.add(xmlText(`${where}: ${p.code}: ${p.message}\n`));
  }
  protected tail(r: ValidationReport): string {
    const close = this.open ? '</failure>\n    </testcase>\n' : '';
    this.open = false;
    return `${close}    <system-out>${xmlText(summaryLine(r))}</system-out>\n  </testsuite>\n</testsuites>\n`;
  }
}
