// Small enhancements; every page works without them.
