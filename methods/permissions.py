# Created with their permissions by migrations 0002 and 0004.
EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Reviewers"
