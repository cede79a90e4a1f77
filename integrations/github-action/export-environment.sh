#!/usr/bin/env bash
# Opens an environment on a Coffer server and exports its environmentVariables to the following
# steps of a GitHub Actions job: every secret value is masked in the job's log first, then each
# variable is appended to $GITHUB_ENV.
#
# Inputs (set by action.yml, or by hand to run it elsewhere):
#   COFFER_ENVIRONMENT    the environment, [org/]project/env[@version]
#   COFFER_URL            the server
#   COFFER_ACCESS_TOKEN   an access token; never printed
#   COFFER_INSTALL        "true" to install the CLI as a .NET tool first, "false" when coffer is on PATH
#   COFFER_VERSION        the CLI version to install (optional)
#   COFFER_SOURCE         a NuGet source (feed URL or folder of packages) to install from (optional)
#   GITHUB_ENV, RUNNER_TEMP  set by GitHub Actions
set -euo pipefail

fail() {
  echo "::error::$1"
  exit 1
}

[[ -n ${COFFER_ENVIRONMENT:-} ]] || fail "the environment input is required"
[[ -n ${COFFER_URL:-} ]] || fail "the server-url input is required"
[[ -n ${COFFER_ACCESS_TOKEN:-} ]] || fail "the token input is required"
[[ -n ${GITHUB_ENV:-} ]] || fail "GITHUB_ENV is not set: this script runs as a step of a GitHub Actions job"
command -v jq >/dev/null || fail "jq is required (it is installed on GitHub-hosted runners)"

# The token reaches coffer through COFFER_ACCESS_TOKEN only, never a command line, and no
# credentials file is left on the runner. Masking it too guards against a tool printing it.
echo "::add-mask::${COFFER_ACCESS_TOKEN}"
export COFFER_URL COFFER_ACCESS_TOKEN

if [[ ${COFFER_INSTALL:-true} == true ]]; then
  tool_path="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/coffer-cli"
  install=(dotnet tool install --tool-path "$tool_path" coffer)
  [[ -z ${COFFER_VERSION:-} ]] || install+=(--version "$COFFER_VERSION")
  [[ -z ${COFFER_SOURCE:-} ]] || install+=(--add-source "$COFFER_SOURCE")
  "${install[@]}" >/dev/null || fail "could not install the coffer CLI with: ${install[*]}"
  export PATH="$tool_path:$PATH"
  [[ -z ${GITHUB_PATH:-} ]] || echo "$tool_path" >>"$GITHUB_PATH"
fi
command -v coffer >/dev/null || fail "coffer is not on PATH: set install to true, or install it in an earlier step"

# The detailed format carries the secret flag of every value. Each scalar becomes one line:
# name, "true" when secret, and the value's text in base64 (values may hold tabs and newlines).
detailed=$(coffer env open "$COFFER_ENVIRONMENT" environmentVariables --format detailed) ||
  fail "could not open $COFFER_ENVIRONMENT (the error is above)"
entries=$(jq -r '
  (.secret // false) as $all
  | (.value // {}) | to_entries[]
  | select(.value.value | type | IN("string", "number", "boolean", "null"))
  | [.key, ((.value.secret // false) or $all | tostring),
     (.value.value | if type == "string" then . elif type == "null" then "" else tojson end | @base64)]
  | @tsv' <<<"$detailed")

# Workflow commands end at a line break; GitHub reads these escapes back (as core.setSecret writes them).
escape_command_value() {
  local value=${1//%/%25}
  value=${value//$'\r'/%0D}
  printf '%s' "${value//$'\n'/%0A}"
}

names=()
values=()
while IFS=$'\t' read -r name secret encoded; do
  [[ -n $name ]] || continue
  if [[ ! $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "::warning::skipped environmentVariables entry \"$name\": not a valid variable name"
    continue
  fi
  # The x keeps trailing newlines that command substitution would drop.
  value=$(base64 -d <<<"$encoded"; printf x)
  value=${value%x}
  if [[ $secret == true && -n $value ]]; then
    echo "::add-mask::$(escape_command_value "$value")"
    # Each line of a multi-line secret is masked on its own too, as it may be printed alone.
    if [[ $value == *$'\n'* ]]; then
      while IFS= read -r line; do
        line=${line%$'\r'}
        [[ -z $line ]] || echo "::add-mask::$(escape_command_value "$line")"
      done <<<"$value"
    fi
  fi
  names+=("$name")
  values+=("$value")
done <<<"$entries"

random_delimiter() {
  printf 'COFFER_%s' "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
}

for i in "${!names[@]}"; do
  value=${values[i]}
  delimiter=$(random_delimiter)
  while [[ $value == *"$delimiter"* ]]; do
    delimiter=$(random_delimiter)
  done
  printf '%s<<%s\n%s\n%s\n' "${names[i]}" "$delimiter" "$value" "$delimiter" >>"$GITHUB_ENV"
done
echo "Exported ${#names[@]} variables from $COFFER_ENVIRONMENT"
