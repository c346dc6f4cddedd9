"""`python -m quickreply.cli ...`"""

import sys

from quickreply.cli import main

sys.exit(main())
