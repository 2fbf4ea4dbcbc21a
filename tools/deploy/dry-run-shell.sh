#!/usr/bin/env bash
# A stand-in for the shell npm runs scripts with, to rehearse `npm run deploy` (or deploy:test)
# without a Google account: every step runs for real (type check, lint, build), except
#   - the jest step (`node test/support/run-jest.js`), which fails at once (DRY_RUN_TESTS=fail, the
#     default) or passes at once (DRY_RUN_TESTS=pass), instead of running eight minutes of tests;
#   - clasp, which is never called: "[essai] clasp … ATTEINT" is printed instead.
# Usage (README, « Déployer dans Google Sheets ») :
#   npm_config_script_shell="$PWD/tools/deploy/dry-run-shell.sh" npm run deploy
# npm calls it as `dry-run-shell.sh -c "<command>"`, for each script and each nested `npm run`.
[ "$1" = "-c" ] && shift
command="${1//node test\/support\/run-jest.js/dry_run_jest}"
dry_run_jest() {
  if [ "${DRY_RUN_TESTS:-fail}" = "pass" ]; then
    echo "[essai] tests simulés : tous réussis"
    echo "1 passed, 0 failed"
    return 0
  fi
  echo "[essai] tests simulés : un test échoue"
  echo "0 passed, 1 failed"
  return 1
}
clasp() {
  echo "[essai] clasp $* ATTEINT (rien n'est envoyé)"
}
export -f dry_run_jest clasp
exec bash -c "$command"
