"""The Concerns page: the safeguarding concerns register, locked until the safeguarding lead confirms."""
