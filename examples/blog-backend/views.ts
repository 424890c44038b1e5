import type { Blog } from './blog.ts'
import type { ArticleRecord, CommentRecord, UserRecord } from './store.ts'
import { issueToken } from './tokens.ts'

// What the blog answers with: its records as the description shows them.

export function userView(blog: Blog, user: UserRecord) {
  return {
    user: {
      email: user.email,
      token: issueToken(blog.store.secret, user.username, Date.now()),
      username: user.username,
      bio: user.bio,
      image: user.image,
    },
  }
}

export function profileOf(blog: Blog, username: string, viewer: UserRecord | undefined) {
  const user = blog.store.users.get(username)
  return user
    ? {
        username: user.username,
        bio: user.bio,
        image: user.image,
        following: viewer !== undefined && blog.store.follows.has(pair(viewer.username, username)),
      }
    : undefined
}

export function articleOf(blog: Blog, article: ArticleRecord, viewer: UserRecord | undefined) {
  const { favorites } = blog.store
  const favoritesCount = [...favorites].filter((entry) =>
    entry.endsWith(`\u0000${article.slug}`),
  ).length
  return {
    slug: article.slug,
    title: article.title,
    description: blog.has('null-string') ? null : article.description,
    body: article.body,
    tagList: article.tagList,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    favorited: viewer !== undefined && favorites.has(pair(viewer.username, article.slug)),
    favoritesCount,
    author: profileOf(blog, article.author, viewer),
  }
}

export function commentOf(blog: Blog, comment: CommentRecord, viewer: UserRecord | undefined) {
  return {
    id: comment.id,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    body: comment.body,
    author: profileOf(blog, comment.author, viewer),
  }
}

/** The key of a follow or a favorite. */
export function pair(a: string, b: string): string {
  return `${a}\u0000${b}`
}
