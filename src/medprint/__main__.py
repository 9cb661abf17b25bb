"""``python -m medprint``: the same program as the ``medprint`` command."""

from medprint.launch import main

main()
