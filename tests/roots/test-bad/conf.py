extensions = ["myst_parser", "checks"]
numfig = True
