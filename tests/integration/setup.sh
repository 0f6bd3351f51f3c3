# Sourced by the integration scripts: strict mode, the repository root ($root), a scratch
# folder removed on exit ($work), and build_veil, which builds the release binary ($veil).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build_veil() {
  (cd "$root" && cargo build --quiet --locked --release)
  veil="$root/target/release/veil"
}
