export {
  type CompiledOperation,
  type MediaSpec,
  type RequestSpec,
  type ResponseSpec,
  type Schema,
  compiledOf,
  createCompiler,
  responseFor,
  shapeOf,
} from './compile-operation.ts'
export { carriesJson, isJsonMediaType, mediaTypeOf } from './media-type.ts'
export { type Action, type ResourceExtension, type ResourceSpec, type Resources, type Role, collectionPath, inferResources, successSchema } from './resources.ts'
