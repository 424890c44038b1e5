/** Seeds per schema in the property tests: 200, or FAKE_SEEDS. */
export const SEEDS = Number(process.env.FAKE_SEEDS ?? 200)
