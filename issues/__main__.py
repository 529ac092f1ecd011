import sys

from issues.cli import main

sys.exit(main())
