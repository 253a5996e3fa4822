#!/usr/bin/env bash
# The restore drill (docs/operations.md, "Backups and the restore drill"): recovers a service's database from
# the object store to a point in time, as a new cluster beside the live one, waits for it and reports what it
# holds, so that the backups are known to restore before the day they must.
#
#   deploy/k8s/restore/restore-drill.sh <service> <target time, RFC 3339>     # e.g. claims 2026-11-02T03:00:00Z
#   deploy/k8s/restore/restore-drill.sh --print <service> <target time>      # only print the recovery Cluster
#
# NAMESPACE (default jaring) and KUBECTL (default kubectl) may be set. The drill's cluster stays until you
# delete it (`kubectl delete cluster -n jaring jaring-<service>-db-restore`); for a real restore, see the runbook.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
print_only=false
if [[ "${1:-}" == "--print" ]]; then
  print_only=true
  shift
fi
service="${1:-}"
target="${2:-}"
namespace="${NAMESPACE:-jaring}"
kubectl="${KUBECTL:-kubectl}"

case "$service" in
  enrollment | contributions | subsidies | claims) ;;
  *)
    echo "usage: $0 [--print] <enrollment|contributions|subsidies|claims> <target time, e.g. 2026-11-02T03:00:00Z>" >&2
    exit 2
    ;;
esac
if ! [[ "$target" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$ ]]; then
  echo "the target time must be RFC 3339 with its zone, e.g. 2026-11-02T03:00:00Z or 2026-11-02T10:00:00+07:00 (got '$target')" >&2
  exit 2
fi

manifest="$(sed -e "s/@SERVICE@/$service/g" -e "s/@TARGET_TIME@/$target/g" -e "s/@NAMESPACE@/$namespace/g" "$here/recovery-cluster.yaml")"
if $print_only; then
  printf '%s\n' "$manifest"
  exit 0
fi

cluster="jaring-$service-db-restore"
# the live cluster's PostgreSQL image, exactly (the production overlay pins it by digest)
image="$("$kubectl" get cluster --namespace "$namespace" "jaring-$service-db" --output 'jsonpath={.spec.imageName}')"
manifest="$(printf '%s\n' "$manifest" | sed -e "s|^  imageName: .*|  imageName: $image|")"
echo "restoring jaring-$service-db as it was at $target into $cluster (namespace $namespace)"
printf '%s\n' "$manifest" | "$kubectl" apply -f -
# a large database takes a while: the base backup is copied, then the WAL replayed up to the target
"$kubectl" wait --namespace "$namespace" --for=condition=Ready "cluster/$cluster" --timeout=6h

echo "restored; what it holds:"
"$kubectl" exec --namespace "$namespace" "$cluster-1" --container postgres -- \
  psql --dbname "jaring_$service" --no-psqlrc --tuples-only --command \
  "SELECT 'migrations applied: ' || count(*) FROM migrations
   UNION ALL SELECT 'last event written: ' || coalesce(max(created_at)::text, 'none') FROM outbox
   UNION ALL SELECT 'events not yet published then: ' || count(*) FROM outbox WHERE published_at IS NULL"
echo "the last event written must be at or just before $target. Drill over: kubectl delete cluster --namespace $namespace $cluster"
