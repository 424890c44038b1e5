import type { Context, Hono } from 'hono'
import { type Blog, secured } from '../blog.ts'
import { envelope, errors, readJson, textProblems, unauthorized } from '../http.ts'
import { addUser, hashPassword, passwordMatches, type UserRecord } from '../store.ts'
import { userView } from '../views.ts'

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Registration, login and the logged-in user. */
export function userRoutes(app: Hono, blog: Blog): void {
  app.post('/users/login', (c) => logIn(c, blog))
  app.post('/users', (c) => register(c, blog))
  app.get(
    '/user',
    secured(blog, (c, user) => c.json(userView(blog, user))),
  )
  app.put(
    '/user',
    secured(blog, (c, user) => update(c, blog, user)),
  )
}

async function logIn(c: Context, blog: Blog): Promise<Response> {
  const fields = await userFields(c)
  if (typeof fields === 'string') return errors(c, 422, [fields])
  const problems = credentialProblems(fields)
  if (problems.length > 0) return errors(c, 422, problems)
  const user = [...blog.store.users.values()].find((candidate) => candidate.email === fields.email)
  return user && passwordMatches(user, fields.password as string)
    ? c.json(userView(blog, user))
    : unauthorized(c)
}

async function register(c: Context, blog: Blog): Promise<Response> {
  const fields = await userFields(c)
  if (typeof fields === 'string') return errors(c, 422, [fields])
  const problems = [...textProblems(fields, ['username']), ...credentialProblems(fields)]
  if (problems.length > 0) return errors(c, 422, problems)
  const taken = takenProblems(blog, fields)
  if (taken.length > 0) return errors(c, 422, taken)
  const user = addUser(blog.store, {
    username: fields.username as string,
    email: fields.email as string,
    password: fields.password as string,
  })
  return c.json(userView(blog, user), 201)
}

async function update(c: Context, blog: Blog, user: UserRecord): Promise<Response> {
  const fields = await userFields(c)
  if (typeof fields === 'string') return errors(c, 422, [fields])
  if (Object.keys(fields).length === 0 && blog.has('empty-update-500'))
    throw new Error('UPDATE users SET  WHERE username = ? — syntax error')
  const problems = [
    ...textProblems(fields, [], ['email', 'password', 'username', 'bio', 'image']),
    ...(fields.email !== undefined && !EMAIL.test(String(fields.email))
      ? ['email is invalid']
      : []),
  ]
  if (problems.length > 0) return errors(c, 422, problems)
  const taken = takenProblems(blog, fields, user)
  if (taken.length > 0) return errors(c, 422, taken)
  const changed: UserRecord = {
    ...user,
    ...pick(fields, ['email', 'bio', 'image']),
    ...(typeof fields.password === 'string' ? { passwordHash: hashPassword(fields.password) } : {}),
  }
  const username = typeof fields.username === 'string' ? fields.username : user.username
  renameUser(blog, user, username, changed)
  return c.json(userView(blog, blog.store.users.get(username) as UserRecord))
}

async function userFields(c: Context): Promise<Record<string, unknown> | string> {
  const body = await readJson(c)
  return body.ok ? envelope(body.value, 'user') : 'body must be a JSON object'
}

function credentialProblems(fields: Record<string, unknown>): string[] {
  const problems = textProblems(fields, ['email', 'password'])
  if (typeof fields.email === 'string' && !EMAIL.test(fields.email))
    problems.push('email is invalid')
  if (typeof fields.password === 'string' && fields.password.length < 8)
    problems.push('password is too short (minimum is 8 characters)')
  return problems
}

function takenProblems(blog: Blog, fields: Record<string, unknown>, self?: UserRecord): string[] {
  const others = [...blog.store.users.values()].filter((user) => user !== self)
  return [
    ...(others.some((user) => user.username === fields.username)
      ? ['username has already been taken']
      : []),
    ...(others.some((user) => user.email === fields.email) ? ['email has already been taken'] : []),
  ]
}

function renameUser(blog: Blog, user: UserRecord, username: string, changed: UserRecord): void {
  blog.store.users.delete(user.username)
  blog.store.users.set(username, { ...changed, username })
  for (const article of blog.store.articles.values())
    if (article.author === user.username) article.author = username
  for (const comment of blog.store.comments)
    if (comment.author === user.username) comment.author = username
  const rename = (part: string) => (part === user.username ? username : part)
  blog.store.follows = new Set(
    [...blog.store.follows].map((entry) => entry.split('\u0000').map(rename).join('\u0000')),
  )
  blog.store.favorites = new Set(
    [...blog.store.favorites].map((entry) => {
      const [who, slug] = entry.split('\u0000') as [string, string]
      return `${rename(who)}\u0000${slug}`
    }),
  )
}

function pick(fields: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(
    names.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]]),
  )
}
