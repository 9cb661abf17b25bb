"""``medprint preview``: the web page, the handout pages and the slides of one build, side by side, live.

``slides.py`` draws slides from the deck plan (the same measured plan the .pptx is written from), ``pages.py``
turns the handout PDF into page images, ``session.py`` rebuilds on save and keeps the last good views, and
``server.py`` serves them on loopback only, to requests carrying the session's token.
"""
