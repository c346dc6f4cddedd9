"""`python -m quickreply.cli ...`"""

import sys

from quickreply.cli.commands import main

sys.exit(main())
