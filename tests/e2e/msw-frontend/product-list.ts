// A frontend's component, as small as one gets: it knows the API's base URL and the shape of
// GET /products, nothing of standin. Its tests give it the mock through MSW.

interface ProductPage {
  items: { id: string; name: string }[]
}

/** The first products of the catalogue as an HTML list, one item per product. */
export async function productList(apiBase: string): Promise<string> {
  const response = await fetch(`${apiBase}/products?pageSize=3`)
  if (!response.ok) return `<p class="error">The catalogue answered ${response.status}.</p>`
  const { items } = (await response.json()) as ProductPage
  const rows = items.map((item) => `<li data-id="${escape(item.id)}">${escape(item.name)}</li>`)
  return `<ul class="products">${rows.join('')}</ul>`
}

/** Renders the list into an element of the page. */
export async function mountProductList(element: Element, apiBase: string): Promise<void> {
  element.innerHTML = await productList(apiBase)
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}
