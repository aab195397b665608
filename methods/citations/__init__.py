"""Citations as files for reference managers: BibTeX, RIS and downloads."""
