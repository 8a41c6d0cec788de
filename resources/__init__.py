"""The data the studio ships: web pages, translations, word lists, icons. Installed as the
``studio_resources`` package (see setup.py); read it through ``studio.resources``."""
