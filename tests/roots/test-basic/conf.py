extensions = ["myst_parser", "checks"]
numfig = True
checks_banks = "exercises"
suppress_warnings = ["epub.unknown_project_files"]
