"""``python -m outreach_rules.cli``: the same as the ``outreach-rules`` command."""

from outreach_rules.cli import main

raise SystemExit(main())
