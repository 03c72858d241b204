# shellcheck shell=bash
# Shared by .ci/check and .ci/demo (sourced): package installation and phases.

# ci_packages PKG...: installs the Debian packages that are missing, running
# `apt-get update` once first, and only when something is missing.
ci_packages() {
  local missing=() p sudo=
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "== installing: ${missing[*]}"
  $sudo apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}

# phase NAME CMD...: runs one step, timing it and recording its result for
# ci_summary; later phases run even when one fails.
ci_results=()
ci_failed=0
phase() {
  local name=$1 start=$SECONDS rc
  shift
  echo
  echo "== $name"
  "$@"
  rc=$?
  if [ $rc -eq 0 ]; then
    ci_results+=("ok      $name ($((SECONDS - start)) s)")
  else
    ci_results+=("FAILED  $name ($((SECONDS - start)) s, exit $rc)")
    ci_failed=1
  fi
  return $rc
}

ci_summary() {
  echo
  echo "== summary"
  printf '  %s\n' "${ci_results[@]}"
}
