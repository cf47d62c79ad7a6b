"""The shell: the `ducha` command line, start-up, the main window, the settings dialog, headless
exports.
"""
