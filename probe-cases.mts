import { fromOpenAPI, verify } from './src/index.ts'
import { createBlogBackend } from './examples/blog-backend/index.ts'
const { contract } = await fromOpenAPI('./examples/blog-backend/openapi.yaml')
const bug = process.argv[2]
const report = await verify(contract, { target: createBlogBackend({ bugs: bug ? [bug as any] : [], logError: () => {} }).fetch } as any)
for (const op of [...report.operations, ...report.sequences.map((s: any) => ({ operationId: 'seq ' + s.resource, cases: s.steps }))]) {
  console.log(op.operationId)
  for (const c of op.cases) console.log(`   ${c.kind}: ${c.name} → ${c.request.method} ${c.request.url} ${c.response?.status} ${c.issues.map((i: any) => i.code).join(',')} ${(c.response?.body ?? '').slice(0, 100)}`)
}
