/**
 * Building blocks for reports that CI systems read: GitHub Actions workflow commands and JUnit XML.
 * Escaping follows the Actions toolkit (@actions/core): data escapes %, CR and LF; properties also : and ,.
 */
import { capText } from '../model/caps.js';
import { escapeControls, xmlText } from './safe.js';

/**
 * A GitHub workflow-command message, escaped as the Actions toolkit does, after the control characters
 * (CR and LF among them: a raw one would start a forged command) are shown escaped for the log.
 */
export function escapeGithubData(text: string): string {
  return escapeControls(capText(text, GITHUB_MESSAGE_CAP)).replace(/%/g, '%25');
}

/** A GitHub workflow-command property value (file, title), escaped as the Actions toolkit does. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// An annotation's message may be longer than a line on stderr (GitHub shows it in a box), never unbounded.
const GITHUB_MESSAGE_CAP = 2000;

/** One annotation: `::error file=F,line=L,col=C,title=T::message`. */
export function githubAnnotation(
  level: 'error' | 'warning' | 'notice',
  message: string,
  where: { file?: string; line?: number | null; column?: number | null; title?: string } = {},
): string {
  const props: string[] = [];
  if (where.file) props.push(`file=${escapeGithubProperty(where.file)}`);
  if (where.line) props.push(`line=${where.line}`);
  if (where.column) props.push(`col=${where.column}`);
  if (where.title) props.push(`title=${escapeGithubProperty(where.title)}`);
  return `::${level}${props.length ? ` ${props.join(',')}` : ''}::${escapeGithubData(message)}\n`;
}

/** GitHub shows at most this many error annotations per step: the summary and exit code carry the rest. */
export const GITHUB_ANNOTATION_LIMIT = 10;

/** One JUnit test case: passed, or failed with a message and details. */
export interface JunitCase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; details?: string };
}

/** A JUnit XML report of one suite (read by GitLab, Jenkins, CircleCI and others). */
export function junitXml(suite: string, cases: JunitCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const body = cases
    .map((c) => {
      const head = `    <testcase name="${xmlText(c.name)}" classname="${xmlText(c.classname)}"`;
      if (!c.failure) return `${head}/>`;
      const f = c.failure;
      return `${head}>\n      <failure message="${xmlText(f.message)}" type="${xmlText(f.type)}">${xmlText(f.details ?? f.message)}</failure>\n    </testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlText(suite)}" tests="${cases.length}" failures="${failures}">\n  <testsuite name="${xmlText(suite)}" tests="${cases.length}" failures="${failures}">\n${body}${body ? '\n' : ''}  </testsuite>\n</testsuites>\n`;
}
