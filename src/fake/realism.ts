import { faker } from './faker.ts'
import { wordsOf } from './names.ts'
import { int, pick } from './random.ts'

// Which faker method a property gets, from its name and its parent's. Every spelling (camelCase,
// snake_case, kebab-case) reads as the same words. Examples and x-faker hints win over these rules;
// the schema's bounds and formats win over both (a candidate that breaks them is not used).

export type DateRole = 'past' | 'future' | 'birth'

export interface Rule {
  /** A realistic string; runs with the shared generator already seeded. */
  text?: () => string
  /**
   * String formats `text` satisfies; without a list it is only used for strings without a format.
   */
  formats?: readonly string[]
  /**
   * Free text: may be shortened at a word boundary or lengthened with more of the same to fit
   * lengths.
   */
  free?: boolean
  number?: { min: number; max: number; decimals: number }
  /** `number` is for number schemas only: a string under this name keeps its text. */
  numbersOnly?: boolean
  /**
   * Dates: when the value lies, and for `past`, where in a record's life (created 0 … updated 5).
   */
  date?: { role: DateRole; rank?: number }
}

const titleCase = (text: string): string => text.replace(/\b\w/g, (c) => c.toUpperCase())
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

const T = {
  email: { text: () => faker.internet.email().toLowerCase(), formats: ['email'] },
  firstName: { text: () => faker.person.firstName() },
  lastName: { text: () => faker.person.lastName() },
  middleName: { text: () => faker.person.middleName() },
  fullName: { text: () => `${faker.person.firstName()} ${faker.person.lastName()}` },
  username: { text: () => faker.internet.username() },
  phone: { text: () => faker.phone.number({ style: 'international' }), formats: ['e164'] },
  avatar: { text: () => faker.image.avatar(), formats: ['url'] },
  image: { text: () => imageUrl(), formats: ['url'] },
  url: { text: () => faker.internet.url(), formats: ['url'] },
  street: { text: () => faker.location.streetAddress() },
  line2: { text: () => faker.location.secondaryAddress() },
  city: { text: () => faker.location.city() },
  state: { text: () => faker.location.state() },
  zip: { text: () => faker.location.zipCode() },
  country: { text: () => faker.location.country() },
  countryCode: { text: () => faker.location.countryCode() },
  county: { text: () => faker.location.county() },
  timeZone: { text: () => faker.location.timeZone() },
  company: { text: () => faker.company.name() },
  jobTitle: { text: () => faker.person.jobTitle() },
  department: { text: () => faker.commerce.department() },
  productName: { text: () => faker.commerce.productName() },
  productDescription: { text: () => faker.commerce.productDescription(), free: true },
  catchPhrase: { text: () => faker.company.catchPhrase(), free: true },
  sentences: { text: () => faker.lorem.sentences({ min: 1, max: 3 }), free: true },
  title: { text: () => sentence(faker.word.words({ count: { min: 2, max: 6 } })), free: true },
  words: { text: () => titleCase(faker.word.words({ count: { min: 1, max: 3 } })) },
  tag: { text: () => faker.word.adjective() },
  noun: { text: () => faker.word.noun() },
  slug: { text: () => faker.lorem.slug({ min: 1, max: 3 }) },
  sku: { text: () => `${characters(UPPER, 3)}-${characters(DIGITS, 6)}` },
  color: { text: () => faker.color.human() },
  hexColor: { text: () => faker.color.rgb() },
  material: { text: () => faker.commerce.productMaterial() },
  currency: {
    text: () => pick(['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF']),
    formats: ['currency_code'],
  },
  iban: { text: () => faker.finance.iban(), formats: ['iban'] },
  bic: { text: () => faker.finance.bic() },
  cardNumber: { text: () => luhn(`4${characters(DIGITS, 14)}`), formats: ['credit_card'] },
  cvc: { text: () => characters(DIGITS, 3) },
  last4: { text: () => characters(DIGITS, 4) },
  accountNumber: { text: () => faker.finance.accountNumber() },
  ipv4: { text: () => faker.internet.ipv4(), formats: ['ipv4'] },
  ipv6: { text: () => faker.internet.ipv6(), formats: ['ipv6'] },
  mac: { text: () => faker.internet.mac(), formats: ['mac'] },
  userAgent: { text: () => faker.internet.userAgent() },
  domain: { text: () => faker.internet.domainName(), formats: ['hostname'] },
  password: { text: () => faker.internet.password({ length: int(12, 16) }) },
  token: { text: () => faker.string.alphanumeric(40) },
  locale: { text: () => pick(['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'ja-JP']) },
  language: { text: () => faker.location.language().name },
  mimeType: { text: () => faker.system.mimeType() },
  fileName: { text: () => faker.system.fileName() },
  filePath: { text: () => faker.system.filePath() },
  semver: { text: () => faker.system.semver() },
  reference: { text: () => faker.string.alphanumeric({ length: 10, casing: 'upper' }) },
  gender: { text: () => faker.person.sex() },
  // For uuid-format strings the format's own generator does the same job.
  uuid: { text: () => faker.string.uuid() },
  isbn: { text: () => faker.commerce.isbn() },
  emoji: { text: () => faker.internet.emoji(), formats: ['emoji'] },
  petName: { text: () => faker.animal.petName() },
  song: { text: () => faker.music.songName() },
  book: { text: () => faker.book.title() },
} satisfies Record<string, Rule>

const money = (min: number, max: number): Rule => ({ number: { min, max, decimals: 2 } })
const whole = (min: number, max: number): Rule => ({ number: { min, max, decimals: 0 } })
const past = (rank?: number): Rule => ({
  date: { role: 'past', ...(rank === undefined ? {} : { rank }) },
})

const N = {
  price: money(1, 500),
  total: money(10, 2500),
  small: money(0, 50),
  salary: money(30_000, 150_000),
  quantity: whole(1, 10),
  count: whole(0, 500),
  stock: whole(0, 250),
  rating: { number: { min: 1, max: 5, decimals: 1 } },
  age: whole(18, 80),
  year: whole(2015, 2025),
  expYear: whole(2026, 2032),
  month: whole(1, 12),
  day: whole(1, 28),
  hour: whole(0, 23),
  minute: whole(0, 59),
  percent: { number: { min: 0, max: 100, decimals: 1 } },
  weight: { number: { min: 0.1, max: 50, decimals: 2 } },
  dimension: { number: { min: 1, max: 200, decimals: 1 } },
  page: whole(1, 5),
  pageSize: whole(10, 50),
  seconds: whole(60, 86_400),
  latitude: { number: { min: -90, max: 90, decimals: 6 } },
  longitude: { number: { min: -180, max: 180, decimals: 6 } },
  id: whole(1, 99_999),
} satisfies Record<string, Rule>

const D = {
  created: past(0),
  placed: past(1),
  paid: past(2),
  shipped: past(3),
  done: past(4),
  updated: past(5),
  past: past(),
  future: { date: { role: 'future' } },
  birth: { date: { role: 'birth' } },
} satisfies Record<string, Rule>

/** Rules for a whole property name, its words run together. */
const EXACT: Record<string, Rule> = {
  ...names(T.email, 'email emailaddress mail'),
  ...names(T.firstName, 'firstname givenname forename'),
  ...names(T.lastName, 'lastname surname familyname'),
  ...names(T.middleName, 'middlename'),
  ...names(
    T.fullName,
    'fullname displayname author authorname holder cardholder cardholdername accountholder accountname recipient contactname customername owner ownername',
  ),
  ...names(T.username, 'username login handle nickname screenname'),
  ...names(T.phone, 'phone phonenumber mobile mobilenumber telephone tel cell cellphone fax'),
  ...names(T.avatar, 'avatar avatarurl profileimage profilepicture profilephoto profileimageurl'),
  ...names(
    T.image,
    'image imageurl photo photourl picture pictureurl thumbnail thumbnailurl cover coverimage logo logourl banner',
  ),
  ...names(T.url, 'url website websiteurl homepage link href uri webpage site'),
  ...names(T.street, 'street streetaddress address address1 addressline1 line1'),
  ...names(T.line2, 'address2 addressline2 line2 apartment suite'),
  ...names(T.city, 'city town'),
  ...names(T.state, 'state province region'),
  ...names(T.zip, 'zip zipcode postalcode postcode'),
  ...names(T.country, 'country countryname'),
  ...names(T.countryCode, 'countrycode countryiso'),
  ...names(T.county, 'county'),
  ...names(T.timeZone, 'timezone tz'),
  ...names(
    T.company,
    'company companyname organization organisation org employer brand manufacturer vendor supplier merchant',
  ),
  ...names(T.jobTitle, 'jobtitle occupation profession'),
  ...names(T.department, 'department category categoryname'),
  ...names(T.productName, 'product productname'),
  ...names(
    T.sentences,
    'bio about aboutme comment body text content message note notes detail details remark reason feedback review',
  ),
  ...names(T.tag, 'tag keyword'),
  ...names(T.noun, 'label'),
  ...names(T.slug, 'slug'),
  ...names(T.sku, 'sku'),
  ...names(T.color, 'color colour'),
  ...names(T.hexColor, 'hexcolor colorhex colorcode'),
  ...names(T.material, 'material'),
  ...names(T.currency, 'currency currencycode'),
  ...names(T.iban, 'iban'),
  ...names(T.bic, 'bic swift swiftcode'),
  ...names(T.cardNumber, 'cardnumber creditcard creditcardnumber pan'),
  ...names(T.cvc, 'cvc cvv cvc2 securitycode'),
  ...names(T.last4, 'last4 lastfour last4digits'),
  ...names(T.accountNumber, 'accountnumber'),
  ...names(T.ipv4, 'ip ipaddress ipv4'),
  ...names(T.ipv6, 'ipv6'),
  ...names(T.mac, 'mac macaddress'),
  ...names(T.userAgent, 'useragent'),
  ...names(T.domain, 'domain domainname hostname host'),
  ...names(T.password, 'password passwd secret'),
  ...names(T.token, 'token accesstoken refreshtoken apikey'),
  ...names(T.locale, 'locale'),
  ...names(T.language, 'language'),
  ...names(T.mimeType, 'mimetype contenttype'),
  ...names(T.fileName, 'filename'),
  ...names(T.filePath, 'filepath'),
  ...names(T.semver, 'version'),
  ...names(T.reference, 'reference ref code'),
  ...names(T.gender, 'gender sex'),
  ...names(T.uuid, 'uuid guid jti'),
  ...names(T.isbn, 'isbn'),
  ...names(T.emoji, 'emoji'),
  ...names(N.price, 'price unitprice amount cost charge'),
  ...names(N.total, 'total subtotal linetotal grandtotal balance revenue budget'),
  ...names(N.small, 'shipping shippingcost shippingfee fee tax discount tip'),
  ...names(N.salary, 'salary income'),
  ...names(N.quantity, 'quantity qty'),
  ...names(N.stock, 'stock inventory available'),
  ...names(N.rating, 'rating score stars'),
  ...names(N.age, 'age'),
  ...names(N.year, 'year'),
  ...names(N.expYear, 'expyear expiryyear expirationyear'),
  ...names(N.month, 'month expmonth expirymonth expirationmonth'),
  ...names(N.day, 'day'),
  ...names(N.hour, 'hour'),
  ...names(N.minute, 'minute second'),
  ...names(N.percent, 'percent percentage pct'),
  ...names(N.weight, 'weight'),
  ...names(N.dimension, 'height width length depth'),
  ...names(N.page, 'page pagenumber'),
  ...names(N.pageSize, 'pagesize perpage limit'),
  ...names(N.seconds, 'expiresin ttl durationseconds'),
  ...names(N.latitude, 'latitude lat'),
  ...names(N.longitude, 'longitude lng lon long'),
  // A record's own numeric id, from a range wide enough that a page of records (each seeded from
  // its id) rarely repeats one.
  ...names({ ...N.id, numbersOnly: true }, 'id'),
  ...names(D.created, 'createdat created createdon creationdate registeredat joinedat signedupat'),
  ...names(D.placed, 'placedat orderedat submittedat requestedat publishedat postedat startedat'),
  ...names(D.paid, 'paidat confirmedat approvedat acceptedat authorizedat'),
  ...names(D.shipped, 'shippedat dispatchedat sentat'),
  ...names(
    D.done,
    'deliveredat completedat finishedat resolvedat closedat cancelledat canceledat endedat refundedat',
  ),
  ...names(
    D.updated,
    'updatedat updated modifiedat modified lastmodified editedat lastupdated lastloginat lastseenat lastactiveat',
  ),
  ...names(
    D.future,
    'expiresat expiry expirydate expirationdate expiresat dueat duedate validuntil deadline scheduledat startsat endsat',
  ),
  ...names(D.birth, 'birthdate dateofbirth dob birthday'),
  ...names(D.past, 'timestamp date time datetime'),
}

function names(rule: Rule, list: string): Record<string, Rule> {
  return Object.fromEntries(list.split(' ').map((name) => [name, rule]))
}

/**
 * Rules for the last word of a longer name (`unitPrice`, `reviewCount`, `shippedAt`, `customerId`).
 */
const LAST_WORD: Record<string, Rule> = {
  email: T.email,
  phone: T.phone,
  url: T.url,
  image: T.image,
  photo: T.image,
  avatar: T.avatar,
  price: N.price,
  amount: N.price,
  cost: N.small,
  fee: N.small,
  total: N.total,
  count: N.count,
  quantity: N.quantity,
  at: D.past,
  date: D.past,
  id: { ...T.uuid, ...N.id },
  code: T.reference,
  currency: T.currency,
  city: T.city,
  country: T.country,
  color: T.color,
  slug: T.slug,
  rating: N.rating,
  reason: T.sentences,
  message: T.sentences,
  comment: T.sentences,
  note: T.sentences,
}

/** Words in a parent's name that decide what its `name`, `title` and `description` are. */
const NAME_BY_PARENT: Array<[string[], Rule]> = [
  [['product', 'item', 'article', 'goods', 'offer', 'listing', 'variant'], T.productName],
  [
    [
      'company',
      'organization',
      'organisation',
      'org',
      'business',
      'vendor',
      'supplier',
      'merchant',
      'store',
      'shop',
      'brand',
      'manufacturer',
      'employer',
      'publisher',
    ],
    T.company,
  ],
  [['category', 'department', 'section', 'collection'], T.department],
  [['city'], T.city],
  [['country'], T.country],
  [['file', 'document', 'attachment', 'asset', 'upload'], T.fileName],
  [['tag', 'label', 'keyword', 'topic'], T.noun],
  [
    [
      'team',
      'group',
      'project',
      'workspace',
      'channel',
      'plan',
      'role',
      'permission',
      'event',
      'course',
    ],
    T.words,
  ],
  [['pet', 'animal', 'dog', 'cat'], T.petName],
  [['song', 'track', 'album'], T.song],
  [['book'], T.book],
]

const TITLE_BY_PARENT: Array<[string[], Rule]> = [
  [['product', 'item', 'article', 'listing'], T.productName],
  [
    ['job', 'position', 'employee', 'person', 'user', 'profile', 'member', 'contact', 'staff'],
    T.jobTitle,
  ],
  [['book'], T.book],
  [['song', 'track', 'album'], T.song],
]

const DESCRIPTION_BY_PARENT: Array<[string[], Rule]> = [
  [['product', 'item', 'article', 'listing', 'variant'], T.productDescription],
  [['company', 'organization', 'organisation', 'business', 'vendor', 'brand'], T.catchPhrase],
]

function byParent(table: Array<[string[], Rule]>, words: string[], fallback: Rule): Rule {
  for (const [parents, rule] of table) if (words.some((word) => parents.includes(word))) return rule
  return fallback
}

const cache = new Map<string, Rule | undefined>()

/**
 * The realism rule for a property, from its name and the name of the object it sits in.
 *
 * @example
 * ruleFor('createdAt', 'Order')?.date // { role: 'past', rank: 0 }
 */
export function ruleFor(key: string | undefined, parent: string | undefined): Rule | undefined {
  if (key === undefined) return undefined
  const cacheKey = `${key}\u0000${parent ?? ''}`
  if (!cache.has(cacheKey))
    cache.set(cacheKey, lookup(wordsOf(key), parent === undefined ? [] : wordsOf(parent)))
  return cache.get(cacheKey)
}

function lookup(words: string[], parentWords: string[]): Rule | undefined {
  const joined = words.join('')
  const last = words[words.length - 1]
  const context = [...words.slice(0, -1), ...parentWords]
  if (last === 'name' || joined === 'displayname')
    return EXACT[joined] ?? byParent(NAME_BY_PARENT, context, T.fullName)
  if (last === 'title') return EXACT[joined] ?? byParent(TITLE_BY_PARENT, context, T.title)
  if (last === 'description' || last === 'summary')
    return byParent(DESCRIPTION_BY_PARENT, context, T.sentences)
  return EXACT[joined] ?? (last === undefined || words.length < 2 ? undefined : LAST_WORD[last])
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DIGITS = '0123456789'

function characters(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)]
  return out
}

const IMAGE_SIZES = [
  '640/480',
  '800/600',
  '1024/768',
  '1200/800',
  '600/600',
  '1080/1080',
  '1600/900',
]
const SEED_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A placeholder photo URL (picsum.photos), in a common size. */
function imageUrl(): string {
  return `https://picsum.photos/seed/${characters(SEED_CHARS, 8)}/${pick(IMAGE_SIZES)}`
}

/** `prefix` plus digits and the Luhn check digit. */
export function luhn(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i])
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return `${body}${(10 - (sum % 10)) % 10}`
}
