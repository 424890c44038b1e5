import { fromOpenAPI, verify, exitCodeOf, formatConsoleReport } from './src/index.ts'
import { createBlogBackend, BLOG_BUGS } from './examples/blog-backend/index.ts'
const { contract } = await fromOpenAPI('./examples/blog-backend/openapi.yaml')
function errs(report: any) {
  const cases = [...report.operations.flatMap((op: any) => op.cases), ...report.sequences.flatMap((s: any) => s.steps)]
  return [...new Set(cases.flatMap((f: any) => f.issues.map((i: any) => `${i.severity[0]} ${f.operationId}: ${i.code}`)))].sort()
}
const only = process.argv[2]
for (const bug of only ? [only] : ['', ...BLOG_BUGS]) {
  const t = Date.now()
  const report = await verify(contract, { target: createBlogBackend({ bugs: bug ? [bug as any] : [], logError: () => {} }).fetch, basePath: '/api' } as any)
  console.log(`== ${bug || 'clean'} exit ${exitCodeOf(report)} ${Date.now() - t}ms`)
  console.log(errs(report).map((x) => '   ' + x).join('\n'))
  if (process.env.FULL) console.log(formatConsoleReport(report))
}
