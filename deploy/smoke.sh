#!/usr/bin/env bash
# Smoke test of the deploy files: render the Kubernetes manifests, then boot the jar with the environment the
# Deployment would give the pod (its ConfigMap, placeholder secrets, and the Service-link variables
# Kubernetes injects) and check that it becomes ready. Needs Java 17 and target/happy3.jar
# (mvn -q -B package -DskipTests); uses `kubectl kustomize` when kubectl is installed, else a YAML check.
#   bash deploy/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

if command -v kubectl >/dev/null 2>&1; then
  kubectl kustomize deploy/k8s > "$work/manifests.yaml"
  echo "rendered deploy/k8s with kubectl kustomize: $(grep -c '^kind:' "$work/manifests.yaml") objects"
else
  cat deploy/k8s/*.yaml > "$work/manifests.yaml"
  echo "kubectl not installed: checking the YAML only"
fi

# The pod's environment, from the rendered (or raw) ConfigMap, as KEY=value lines.
python3 - "$work/manifests.yaml" > "$work/pod.env" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
kinds = {d["kind"] for d in docs}
for needed in ("Deployment", "Service", "ConfigMap", "Ingress", "PodDisruptionBudget"):
    assert needed in kinds, f"no {needed} in the manifests"
deployment = next(d for d in docs if d["kind"] == "Deployment")
assert deployment["spec"]["template"]["spec"].get("enableServiceLinks") is False, "enableServiceLinks is not false"
config = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].startswith("happy3-config"))
for key, value in config["data"].items():
    print(f"{key}={value}")
PY

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
management=$(free_port)
env_args=()
while IFS= read -r line; do env_args+=("$line"); done < "$work/pod.env"
# What differs on this machine: no cluster database, no ConfigMap mount, no fixed ports.
env_args+=("HAPPY3_DB_URL=jdbc:h2:file:$work/data/happy3" "HAPPY3_DB_USER=" "HAPPY3_PLAYBOOKS=deploy/k8s/playbooks"
  "HAPPY3_BIND=127.0.0.1" "HAPPY3_PORT=$port" "HAPPY3_MANAGEMENT_PORT=$management" "HAPPY3_DB_PASSWORD=smoke"
  # What Kubernetes injects for the Service named happy3 when service links are on (the default elsewhere).
  "HAPPY3_SERVICE_HOST=10.96.0.17" "HAPPY3_SERVICE_PORT=80" "HAPPY3_SERVICE_PORT_HTTP=80"
  "HAPPY3_PORT_80_TCP=tcp://10.96.0.17:80" "HAPPY3_PORT_80_TCP_PROTO=tcp" "HAPPY3_PORT_80_TCP_PORT=80"
  "HAPPY3_PORT_80_TCP_ADDR=10.96.0.17")

env -i PATH="$PATH" HOME="$work" "${env_args[@]}" java -jar target/happy3.jar serve > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "happy3 exited:"; cat "$work/serve.log"; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { echo "not ready after 120 s"; cat "$work/serve.log"; exit 1; }
curl -fsS "http://127.0.0.1:$management/metrics" | grep -q '^happy3_nudges_due' || { echo "no metrics on $management"; exit 1; }
if curl -sSI "http://127.0.0.1:$port/healthz" | grep -qi '^server:'; then echo "Server banner present"; exit 1; fi
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")
[ "$status" = 404 ] || { echo "/metrics on the public port answered $status"; exit 1; }
echo "smoke ok: ready on $port, metrics on $management, no Server banner"
