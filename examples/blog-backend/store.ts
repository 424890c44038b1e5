import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

export interface UserRecord {
  username: string
  email: string
  passwordHash: string
  bio: string | null
  image: string | null
}

export interface ArticleRecord {
  slug: string
  title: string
  description: string
  body: string
  tagList: string[]
  createdAt: string
  updatedAt: string
  author: string
}

export interface CommentRecord {
  id: number
  article: string
  body: string
  author: string
  createdAt: string
  updatedAt: string
}

/** Everything the blog remembers, in memory: one store per backend instance. */
export interface Store {
  /** By username. */
  users: Map<string, UserRecord>
  /** By slug. */
  articles: Map<string, ArticleRecord>
  comments: CommentRecord[]
  /** `follower → followed` pairs, as `follower\u0000followed`. */
  follows: Set<string>
  /** `username\u0000slug` pairs. */
  favorites: Set<string>
  nextCommentId: number
  /** Signs the tokens. */
  secret: string
}

// The description's login example, so that verify can log in with it.
export const JAKE = { username: 'jake', email: 'jake@example.com', password: 'jakejake' }
const SEEDED_AT = '2026-02-01T10:00:00.000Z'

/**
 * A fresh store: jake and another author, two articles of the other author's with a comment each.
 */
export function createStore(): Store {
  const store: Store = {
    users: new Map(),
    articles: new Map(),
    comments: [],
    follows: new Set(),
    favorites: new Set(),
    nextCommentId: 1,
    secret: randomBytes(32).toString('hex'),
  }
  addUser(store, JAKE)
  addUser(store, { username: 'ann', email: 'ann@example.com', password: 'annpassword' })
  for (const title of ['Welcome to the blog', 'Notes on writing']) {
    const slug = slugOf(title)
    store.articles.set(slug, {
      slug,
      title,
      description: `${title}, in short.`,
      body: `${title}, at length.`,
      tagList: ['welcome'],
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
      author: 'ann',
    })
    store.comments.push({
      id: store.nextCommentId++,
      article: slug,
      body: 'First!',
      author: 'ann',
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    })
  }
  return store
}

export function addUser(
  store: Store,
  user: { username: string; email: string; password: string },
): UserRecord {
  const record = {
    username: user.username,
    email: user.email,
    passwordHash: hashPassword(user.password),
    bio: null,
    image: null,
  }
  store.users.set(user.username, record)
  return record
}

export function passwordMatches(user: UserRecord, password: string): boolean {
  const [salt, hash] = user.passwordHash.split(':') as [string, string]
  const given = scryptSync(password, salt, 32)
  return timingSafeEqual(given, Buffer.from(hash, 'hex'))
}

export function hashPassword(password: string): string {
  const salt = randomBytes(8).toString('hex')
  return `${salt}:${scryptSync(password, salt, 32).toString('hex')}`
}

/** `How to train your dragon!` → `how-to-train-your-dragon`. */
export function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'article'
  )
}

export function now(): string {
  return new Date().toISOString()
}
