/**
 * Building blocks for reports that CI systems read: GitHub Actions workflow commands and JUnit XML.
 * Escaping follows the Actions toolkit (@actions/core): data escapes %, CR and LF; properties also : and ,.
 */

/** A GitHub workflow-command message, escaped as the Actions toolkit does. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A GitHub workflow-command property value (file, title), escaped as the Actions toolkit does. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

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

/** Text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // XML 1.0 allows no control characters but tab, LF and CR.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

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
      const head = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}"`;
      if (!c.failure) return `${head}/>`;
      const f = c.failure;
      return `${head}>\n      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.type)}">${escapeXml(f.details ?? f.message)}</failure>\n    </testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}">\n  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}">\n${body}${body ? '\n' : ''}  </testsuite>\n</testsuites>\n`;
}
