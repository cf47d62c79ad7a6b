"""USB-stick sync (issue 17): the laptop's bundle signing key, the bundle it exports, the answer it
imports. Qt-free but for the menu entries (app/bundle/menu.py)."""
