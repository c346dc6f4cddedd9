#!/usr/bin/env bash
# The long run of the property tests (tests/core/test_fuzz.py): every reader of outside input fed
# generated and damaged inputs. Prints hypothesis' statistics (examples tried per target). A crash prints
# the smallest input that shows it: add it to tests/core/test_bad_inputs.py with the fix.
#   scripts/fuzz.sh            # 3,000 examples per target
#   EXAMPLES=20000 scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}"
export HYPOTHESIS_PROFILE=long
if [ -n "${EXAMPLES:-}" ]; then
  export HYPOTHESIS_LONG_EXAMPLES="$EXAMPLES"
fi
exec python3 -m pytest -q -p no:cacheprovider -p no:randomly --timeout 0 tests/core/test_fuzz.py \
  --hypothesis-show-statistics "$@"
