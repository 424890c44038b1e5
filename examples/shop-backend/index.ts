export { createShopBackend, type ShopBackendOptions } from './create-shop-backend.ts'
export { SHOP_BUGS, type ShopBug } from './shop.ts'
export { createStore, ADA, GRINDER_ID, type Store } from './store.ts'
