"""The only part of medprint that uses the network: resolving and verifying references by identifier.

``medprint refs fetch`` and ``medprint refs verify`` (and ``medprint check --online``) import this package;
``build``, ``release``, ``watch`` and every writer never do, so nothing is fetched while a document is built.
Only HTTPS requests to the services named in :data:`http.ALLOWED_HOSTS` are made.
"""
