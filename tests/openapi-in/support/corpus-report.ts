// Pass rate per document, with each failure's reason: npx tsx tests/openapi-in/support/corpus-report.ts FILE...
import { checkCorpusDocument } from './check-corpus.ts'

for (const file of process.argv.slice(2)) {
  try {
    const result = await checkCorpusDocument(file)
    console.log(`${file.replace(/.*node_modules\//, '')} ${result.passed}/${result.operations}`)
    for (const failure of result.failures) console.log(`    ${failure.operationId}: ${failure.reason.replace(/\n/g, ' ')}`)
  } catch (error) {
    console.log(`${file} failed to run: ${(error as Error).message.split('\n')[0]}`)
  }
}
