#!/usr/bin/env bash
# Lighthouse 12.2.3 (npm) with mobile settings against the demo portal: performance,
# accessibility and best-practices of the login page and each role's home.
#   bench/lighthouse.sh            # prints a Markdown table; JSON reports in bench/out/lighthouse/
# Needs Node.js/npm (npx fetches lighthouse@12.2.3 once) and Chromium at $CHROME_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
OUT=bench/out/lighthouse
mkdir -p "$OUT"

"$PY" bench/serve.py > "$OUT/server.json" 2> "$OUT/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do [ -s "$OUT/server.json" ] && break; sleep 1; done
[ -s "$OUT/server.json" ] || { echo "server demo tidak jalan; lihat $OUT/server.log" >&2; exit 1; }

FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
pages() {  # name url cookie, one per line
  "$PY" - "$OUT/server.json" <<'PYEOF'
import json, sys
s = json.load(open(sys.argv[1]))
print("masuk", s["url"] + "/masuk", "")
for role, path in s["homes"].items():
    print(role, s["url"] + path, s["cookies"][role])
PYEOF
}

echo "| page | performance | accessibility | best practices |"
echo "|---|---:|---:|---:|"
while read -r name url cookie; do
  headers="{}"
  [ -n "$cookie" ] && headers=$(printf '{"Cookie": "%s"}' "$cookie")
  npx -y lighthouse@12.2.3 "$url" --quiet --chrome-flags="$FLAGS" \
    --only-categories=performance,accessibility,best-practices \
    --extra-headers="$headers" --output=json --output-path="$OUT/$name.json" >/dev/null 2>>"$OUT/lighthouse.log"
  "$PY" - "$OUT/$name.json" "$name" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
score = lambda k: round((c[k]["score"] or 0) * 100)
path = "/" + r["finalDisplayedUrl"].split("/", 3)[3]
print(f"| {sys.argv[2]} (`{path}`) | {score('performance')} | {score('accessibility')} | "
      f"{score('best-practices')} |")
PYEOF
done < <(pages)
