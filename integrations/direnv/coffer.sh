# shellcheck shell=bash
# use_coffer for direnv: loads the variables of an environment on a Coffer server when you enter a
# folder. Source this file from ~/.config/direnv/direnvrc, then write in a folder's .envrc:
#
#   use coffer payments/dev
#
# Usage: use coffer [org/]project/env[@version] [coffer env open options...]
#
# The values come from "coffer env open ENV --format shell": single-quoted, so nothing in a value
# is expanded or run when direnv evaluates it.
use_coffer() {
  if [[ $# -lt 1 || -z $1 ]]; then
    log_error "use coffer: name the environment, as in: use coffer payments/dev"
    return 1
  fi
  if ! has coffer; then
    log_error "use coffer: the coffer command is not on PATH: install it (dotnet tool install --global coffer) or add it to PATH in your direnvrc"
    return 1
  fi
  local environment=$1
  shift

  # Logging in, out or to another server changes what this folder gets: reload then.
  watch_file "${XDG_CONFIG_HOME:-$HOME/.config}/coffer/credentials.json"

  local variables
  # coffer prints its own error (not logged in, unknown environment, ...) on standard error.
  if ! variables=$(coffer env open "$environment" --format shell "$@"); then
    log_error "use coffer: could not open $environment; nothing was loaded (run 'coffer login <server-url>' if you are not logged in, then 'direnv reload')"
    return 1
  fi
  eval "$variables"
}
