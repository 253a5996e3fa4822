// The one place where the platform reaches into @jaring/messaging's trace context. Imported by relative
// path because the messaging package index does not export it yet; once it does, change this line to
// `from '@jaring/messaging'`. Either way it is the same module file, hence the same AsyncLocalStorage.
export {
  childTraceparent,
  currentTraceContext,
  isValidTraceparent,
  newTraceparent,
  runWithTraceContext,
  type TraceContext,
} from '../../messaging/src/tracing/trace-context';
