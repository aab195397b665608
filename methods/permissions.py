# Created with its permissions by migration 0002.
EDITORS_GROUP = "Editors"
