"""Partnership folders read straight from their git repositories, for a state program's portfolio.

A state program lists its partnerships' repositories in a plain text file, one
per line (`listing.parse_repos_file`).  Each repository is fetched (shallow, only
the branch head) into a cache folder, in parallel (`fetch`); the folder is then
read from the commit itself (`git ls-tree` and `git cat-file --batch`), never
checked out (`commit`).

- A repository that cannot be reached is reported; its cached copy is used and
  its age stated.  One never fetched before is reported and skipped (`read`).
- A folder with problems at the branch head is reported and skipped.
- Credentials are git's own (ssh agent, credential helper, its config).  ngsp
  stores none and asks for none: git is told never to prompt (`git`).
- Each partnership's figures are kept in the cache by commit, as-of date and
  ngsp version, so a second run with nothing new reads nothing again (`figures`).
"""
