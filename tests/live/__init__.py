"""Live tests: the chapters run in JupyterLab as a Binder user gets it."""
