import type { Context, Hono } from 'hono'
import { type Blog, optionallySecured, secured } from '../blog.ts'
import { notFound } from '../http.ts'
import type { UserRecord } from '../store.ts'
import { pair, profileOf } from '../views.ts'

/** Profiles, and following them. */
export function profileRoutes(app: Hono, blog: Blog): void {
  app.get(
    '/profiles/:username',
    optionallySecured(blog, (c, viewer) => profile(c, blog, viewer)),
  )
  app.post(
    '/profiles/:username/follow',
    secured(blog, (c, user) => follow(c, blog, user, true)),
  )
  app.delete(
    '/profiles/:username/follow',
    secured(blog, (c, user) => follow(c, blog, user, false)),
  )
}

function profile(c: Context, blog: Blog, viewer: UserRecord | undefined): Response {
  const found = profileOf(blog, c.req.param('username') as string, viewer)
  return found ? c.json({ profile: found }) : notFound(c, 'profile')
}

function follow(c: Context, blog: Blog, user: UserRecord, on: boolean): Response {
  const username = c.req.param('username') as string
  if (!blog.store.users.has(username)) return notFound(c, 'profile')
  const key = pair(user.username, username)
  if (on && blog.store.follows.has(key) && blog.has('repeat-follow-500'))
    throw new Error('UNIQUE constraint failed: follows.follower, follows.followed')
  if (on) blog.store.follows.add(key)
  else blog.store.follows.delete(key)
  return c.json({ profile: profileOf(blog, username, user) })
}
