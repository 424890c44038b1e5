export { createBlogBackend, type BlogBackendOptions } from './create-blog-backend.ts'
export { BLOG_BUGS, type BlogBug } from './blog.ts'
export { createStore, JAKE, type Store } from './store.ts'
