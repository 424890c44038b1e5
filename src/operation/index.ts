export {
  type CompiledOperation,
  type MediaSpec,
  type RequestSpec,
  type ResponseSpec,
  type Schema,
  compiledOf,
  requestBodySchema,
  successSchema,
  createCompiler,
  responseFor,
  shapeOf,
} from './compile-operation.ts'
export { carriesJson, isJsonMediaType, mediaTypeOf } from './media-type.ts'
export {
  type Action,
  type ResourceExtension,
  type ResourceSpec,
  type Resources,
  type Role,
  collectionPath,
  inferResources,
} from './resources.ts'
export { type FieldPath, findList, findObject, schemaAt, valueAt } from './envelope.ts'
export { fieldsNamedBy } from './key-fields.ts'
