"""The register: municipalities (CBS codes, mergers), data labs, categories and the 10 do's."""
