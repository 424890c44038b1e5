import { describe, expect, it } from 'vitest'
import { fake, z } from 'standin'

const seeds = Array.from({ length: 200 }, (_, seed) => seed)

// Two members that overlap: with `type` left out, an artist is also a track.
const Artist = z.object({
  type: z.literal('artist').optional(),
  name: z.string(),
  followers: z.int().min(0).optional(),
})
const Track = z.object({
  type: z.literal('track').optional(),
  name: z.string(),
  duration_ms: z.int().min(1).optional(),
})
const members = [Artist, Track]
const matches = (value: unknown): number =>
  members.filter((member) => member.safeParse(value).success).length

describe('a union published as oneOf', () => {
  const ArtistOrTrack = z.union([Artist, Track]).openapi({}, { unionPreferredType: 'oneOf' })

  it('gives values exactly one member takes, where a plain union gives some that both take', () => {
    const plain = z.union([Artist, Track])
    expect(seeds.filter((seed) => matches(fake(plain, { seed })) > 1).length).toBeGreaterThan(10)
    expect(seeds.filter((seed) => matches(fake(ArtistOrTrack, { seed })) !== 1)).toEqual([])
  })

  it('is the same value for the same seed', () => {
    expect(seeds.map((seed) => fake(ArtistOrTrack, { seed }))).toEqual(
      seeds.map((seed) => fake(ArtistOrTrack, { seed })),
    )
  })

  it('keeps a value both members take when no value fits only one (two alike members)', () => {
    const Card = z.object({ last_four: z.string().optional() })
    const Twins = z.union([Card, Card.extend({})]).openapi({}, { unionPreferredType: 'oneOf' })
    for (const seed of seeds.slice(0, 20))
      expect(Twins.safeParse(fake(Twins, { seed })).success).toBe(true)
  })
})
