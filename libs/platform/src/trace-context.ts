// The one place where the platform takes the trace context from @jaring/messaging (which owns it: the
// outbox and the consumers carry it across Kafka). Keep @jaring/messaging free of imports from
// @jaring/platform, or the two packages would load each other; the tokens it needs from the platform
// (KAFKA_HEALTH_CHECK, METRICS_REGISTRY) are plain strings for that reason.
export {
  childTraceparent,
  currentTraceContext,
  isValidTraceparent,
  newTraceparent,
  runWithTraceContext,
  type TraceContext,
} from '@jaring/messaging';
